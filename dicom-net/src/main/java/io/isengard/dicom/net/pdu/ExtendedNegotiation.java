package io.isengard.dicom.net.pdu;

/**
 * SOP Class Extended Negotiation sub-item (0x56, PS3.7 §D.3.3.5): service-class
 * specific bytes, e.g. relational queries for C-FIND.
 */
public record ExtendedNegotiation(String sopClassUid, byte[] serviceClassApplicationInformation) {
    public ExtendedNegotiation {
        serviceClassApplicationInformation = serviceClassApplicationInformation.clone();
    }

    @Override
    public byte[] serviceClassApplicationInformation() {
        return serviceClassApplicationInformation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedNegotiation e && e.sopClassUid.equals(sopClassUid)
                && java.util.Arrays.equals(e.serviceClassApplicationInformation, serviceClassApplicationInformation);
    }

    @Override
    public int hashCode() {
        return sopClassUid.hashCode() * 31 + java.util.Arrays.hashCode(serviceClassApplicationInformation);
    }
}
