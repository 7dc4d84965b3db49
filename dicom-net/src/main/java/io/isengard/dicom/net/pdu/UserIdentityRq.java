package io.isengard.dicom.net.pdu;

import java.util.Arrays;

/**
 * User Identity Negotiation sub-item of a request (0x58, PS3.7 §D.3.3.7).
 *
 * @param identityType 1 username, 2 username and passcode, 3 Kerberos, 4 SAML, 5 JWT
 * @param positiveResponseRequested true if the requestor wants a 0x59 item back
 */
public record UserIdentityRq(int identityType, boolean positiveResponseRequested, byte[] primaryField,
        byte[] secondaryField) {
    public static final int USERNAME = 1;
    public static final int USERNAME_AND_PASSCODE = 2;
    public static final int KERBEROS = 3;
    public static final int SAML = 4;
    public static final int JWT = 5;

    public UserIdentityRq {
        primaryField = primaryField.clone();
        secondaryField = secondaryField.clone();
    }

    @Override
    public byte[] primaryField() {
        return primaryField.clone();
    }

    @Override
    public byte[] secondaryField() {
        return secondaryField.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentityRq u && u.identityType == identityType
                && u.positiveResponseRequested == positiveResponseRequested
                && Arrays.equals(u.primaryField, primaryField) && Arrays.equals(u.secondaryField, secondaryField);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(primaryField) * 31 + identityType;
    }

    @Override
    public String toString() {
        // The passcode stays out of logs.
        return "UserIdentityRq(type " + identityType + ", primary " + primaryField.length + " bytes)";
    }
}
