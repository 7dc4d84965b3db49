package io.isengard.server.dicom;

import java.util.List;
import java.util.Optional;

/**
 * The modalities the DICOM server knows (DicomModalities). Kept behind this
 * interface so that the registry of the /modalities routes can serve it.
 */
public interface KnownModalities {
    /** Every modality whose AE title matches (per StrictAetComparison); several entries may share one. */
    List<KnownModality> allByAet(String aet);

    /** The first modality with this AE title. */
    default Optional<KnownModality> byAet(String aet) {
        return allByAet(aet).stream().findFirst();
    }

    KnownModalities NONE = aet -> List.of();
}
