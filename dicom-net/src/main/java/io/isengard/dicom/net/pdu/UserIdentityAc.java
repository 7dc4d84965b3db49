package io.isengard.dicom.net.pdu;

import java.util.Arrays;

/** User Identity Negotiation sub-item of an acceptance (0x59, PS3.7 §D.3.3.7.2). */
public record UserIdentityAc(byte[] serverResponse) {
    public UserIdentityAc {
        serverResponse = serverResponse.clone();
    }

    @Override
    public byte[] serverResponse() {
        return serverResponse.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentityAc u && Arrays.equals(u.serverResponse, serverResponse);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serverResponse);
    }
}
