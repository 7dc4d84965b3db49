/**
 * JSON forms of DICOM data sets, written as a stream to a {@link io.isengard.dicom.json.JsonWriter}.
 *
 * <ul>
 * <li>{@link io.isengard.dicom.json.OrthancJson}: Orthanc's tag dumps ({@code /tags}, {@code /header},
 *     main DICOM tags) in its full, short and human forms, value for value as Orthanc shows them
 *     (DCMTK's texts, {@code %.17g} floats, first AT value only, TooLong above 256 UTF-8 bytes...).
 *     The server's {@code Dictionary} option plugs in as an {@link io.isengard.dicom.json.ExtraDictionary}.</li>
 * <li>{@link io.isengard.dicom.json.DicomJson} and {@link io.isengard.dicom.json.DicomJsonReader}: the
 *     DICOM JSON model of PS3.18 Annex F, with binary values inline or by URI as a
 *     {@link io.isengard.dicom.json.BulkDataPolicy} decides.</li>
 * </ul>
 *
 * <p>Where Orthanc departs from DICOM in its own formats, these classes follow Orthanc (every string VR
 * decoded with the character set, UN values of string tags shown with their padding, SV/UV/OD/OL/OV
 * shown as null). In DICOM JSON they follow PS3.18 where Orthanc 1.10.1 does not (all OF/OD/OL values as
 * InlineBinary rather than a first number, SV/UV present, leading spaces of insignificant-space VRs trimmed).
 */
package io.isengard.dicom.json;
