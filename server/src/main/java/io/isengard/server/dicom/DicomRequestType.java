package io.isengard.server.dicom;

/** The kinds of incoming DIMSE requests that are authorised one by one (dicom-server.md §2.1). */
public enum DicomRequestType {
    Echo, Find, FindWorklist, Get, Move, Store, NAction, NEventReport
}
