package io.isengard.dicom.io;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.TransferSyntax;

/**
 * What {@link DicomReader} read: the file meta information (empty for a bare
 * data set), the data set, and where things are in the input.
 *
 * @param meta the (0002,xxxx) group; empty if the input had none
 * @param dataSet the data set
 * @param transferSyntax the transfer syntax of the data set (read from the meta group, or guessed)
 * @param hasPreamble true if the input started with a 128-byte preamble and "DICM"
 * @param dataSetOffset byte offset of the data set's first element in the input
 * @param pixelDataOffset byte offset of the top-level (7FE0,0010) element's tag, or -1
 *     if the data set has none (or, when deflated, -1: offsets are not those of the file)
 * @param stoppedBeforePixelData true if reading stopped at the pixel data (header-only mode)
 */
public record DicomFile(DataSet meta, DataSet dataSet, TransferSyntax transferSyntax, boolean hasPreamble,
        long dataSetOffset, long pixelDataOffset, boolean stoppedBeforePixelData) {
}
