package io.isengard.dicom.net.pdu;

import java.util.List;

/**
 * The User Information item (0x50, PS3.8 Annex D and PS3.7 Annex D.3.3) of an
 * A-ASSOCIATE-RQ or -AC.
 *
 * @param maxPduLength Maximum Length Received (0x51): the largest P-DATA-TF
 *     variable field the sender accepts; 0 = unlimited
 * @param implementationClassUid 0x52
 * @param implementationVersionName 0x55, or null
 * @param asyncOperationsWindow 0x53, or null
 * @param roleSelections 0x54
 * @param extendedNegotiations 0x56
 * @param commonExtendedNegotiations 0x57 (requests only)
 * @param userIdentityRq 0x58 (requests only), or null
 * @param userIdentityAc 0x59 (acceptances only), or null
 */
public record UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName,
        AsyncOperationsWindow asyncOperationsWindow, List<RoleSelection> roleSelections,
        List<ExtendedNegotiation> extendedNegotiations, List<CommonExtendedNegotiation> commonExtendedNegotiations,
        UserIdentityRq userIdentityRq, UserIdentityAc userIdentityAc) {

    public UserInformation {
        roleSelections = List.copyOf(roleSelections);
        extendedNegotiations = List.copyOf(extendedNegotiations);
        commonExtendedNegotiations = List.copyOf(commonExtendedNegotiations);
    }

    /** Just the mandatory sub-items. */
    public static UserInformation of(long maxPduLength, String implementationClassUid,
            String implementationVersionName) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName, null, List.of(),
                List.of(), List.of(), null, null);
    }

    public UserInformation withRoleSelections(List<RoleSelection> roles) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName,
                asyncOperationsWindow, roles, extendedNegotiations, commonExtendedNegotiations, userIdentityRq,
                userIdentityAc);
    }

    public UserInformation withUserIdentityRq(UserIdentityRq identity) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName,
                asyncOperationsWindow, roleSelections, extendedNegotiations, commonExtendedNegotiations, identity,
                userIdentityAc);
    }

    /** The role selection proposed for a SOP class, or null. */
    public RoleSelection roleSelection(String sopClassUid) {
        for (RoleSelection r : roleSelections) {
            if (r.sopClassUid().equals(sopClassUid)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Asynchronous Operations Window sub-item (0x53).
     *
     * @param maxOperationsInvoked 0 = unlimited
     * @param maxOperationsPerformed 0 = unlimited
     */
    public record AsyncOperationsWindow(int maxOperationsInvoked, int maxOperationsPerformed) {}
}
