package io.isengard.dicom.net.assoc;

import io.isengard.dicom.dictionary.UidEntry;
import io.isengard.dicom.dictionary.UidRegistry;

/**
 * Storage SOP classes as DCMTK's UID dictionary names them ("... Storage"),
 * which is how Orthanc's list (DCMTK's dcmAllStorageSOPClassUIDs) is made;
 * storage commitment and the media storage directory are services, not
 * storage.
 */
public final class StorageSopClasses {
    private StorageSopClasses() {}

    public static boolean isStorage(String uid) {
        UidEntry e = UidRegistry.lookup(uid);
        if (e == null || !"SOP Class".equals(e.type())) {
            return false;
        }
        String name = e.name();
        return (name.contains(" Storage") || name.startsWith("Storage")) && !name.startsWith("Storage Commitment")
                && !name.startsWith("Media Storage Directory") && !name.equals("Storage Service Class");
    }

    /** True for UIDs in the dictionary (the test for {@code UnknownSopClassAccepted}). */
    public static boolean isKnown(String uid) {
        return UidRegistry.lookup(uid) != null;
    }
}
