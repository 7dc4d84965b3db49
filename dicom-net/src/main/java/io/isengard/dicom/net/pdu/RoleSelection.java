package io.isengard.dicom.net.pdu;

/**
 * SCP/SCU Role Selection sub-item (0x54, PS3.7 §D.3.3.4): who may play which
 * role for a SOP class. In a C-GET the retrieving SCU proposes to be the
 * storage SCP.
 */
public record RoleSelection(String sopClassUid, boolean scuRole, boolean scpRole) {}
