package io.isengard.dicom.net.assoc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What an association acceptor accepts (PS3.8 §9.3.3, PS3.7 Annex D):
 * <ul>
 * <li>non-storage services (verification, query/retrieve...) by abstract
 * syntax, each with transfer syntaxes in the acceptor's order of preference
 * (the first the proposer offers wins);</li>
 * <li>storage SOP classes (a predicate) with the accepted transfer syntaxes;
 * {@code proposerOrderWins} chooses the first proposed syntax that is
 * accepted (Orthanc 1.11.2+), else the first accepted one in our order;</li>
 * <li>{@code unknownSopClassAccepted}: abstract syntaxes that are not
 * well-known UIDs are accepted as storage (Orthanc's promiscuous mode);</li>
 * <li>called/calling AE title checks, delegated to {@link AssociationCheck}.</li>
 * </ul>
 * Proposed SCP/SCU role selections are accepted as proposed for the accepted
 * contexts (C-GET needs the retriever to be the storage SCP). Extended
 * negotiation and user identity items are accepted and not answered.
 */
public record AcceptorPolicy(String aeTitle, Map<String, List<String>> services, Predicate<String> storageSopClass,
        List<String> storageTransferSyntaxes, boolean proposerOrderWins, boolean unknownSopClassAccepted,
        Predicate<String> knownUid, AssociationCheck check) {

    public AcceptorPolicy {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        storageTransferSyntaxes = List.copyOf(storageTransferSyntaxes);
    }

    /** Verification and the query/retrieve roots, in Orthanc's order: Explicit LE, Explicit BE, Implicit LE. */
    public static final List<String> SERVICE_TRANSFER_SYNTAXES =
            List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2");

    /** Verification, Patient Root and Study Root FIND/MOVE/GET, as Orthanc accepts them (dicom-server.md §3.1). */
    public static final List<String> QUERY_RETRIEVE_SERVICES = List.of("1.2.840.10008.1.1",
            "1.2.840.10008.5.1.4.1.2.1.1", "1.2.840.10008.5.1.4.1.2.2.1", "1.2.840.10008.5.1.4.1.2.2.2",
            "1.2.840.10008.5.1.4.1.2.1.2", "1.2.840.10008.5.1.4.1.2.2.3", "1.2.840.10008.5.1.4.1.2.1.3");

    /**
     * Orthanc's acceptor: the query/retrieve services, every storage SOP class
     * in the given transfer syntaxes with the proposer's order winning, unknown
     * SOP classes refused, everyone accepted.
     */
    public static AcceptorPolicy orthancLike(String aeTitle, List<String> storageTransferSyntaxes) {
        Map<String, List<String>> services = new LinkedHashMap<>();
        for (String uid : QUERY_RETRIEVE_SERVICES) {
            services.put(uid, SERVICE_TRANSFER_SYNTAXES);
        }
        return new AcceptorPolicy(aeTitle, services, StorageSopClasses::isStorage, storageTransferSyntaxes, true,
                false, StorageSopClasses::isKnown, AssociationCheck.ACCEPT_ALL);
    }

    public AcceptorPolicy withUnknownSopClassAccepted(boolean accepted) {
        return new AcceptorPolicy(aeTitle, services, storageSopClass, storageTransferSyntaxes, proposerOrderWins,
                accepted, knownUid, check);
    }

    public AcceptorPolicy withStorageTransferSyntaxes(List<String> transferSyntaxes) {
        return new AcceptorPolicy(aeTitle, services, storageSopClass, transferSyntaxes, proposerOrderWins,
                unknownSopClassAccepted, knownUid, check);
    }

    public AcceptorPolicy withCheck(AssociationCheck c) {
        return new AcceptorPolicy(aeTitle, services, storageSopClass, storageTransferSyntaxes, proposerOrderWins,
                unknownSopClassAccepted, knownUid, c);
    }
}
