package io.isengard.server.ingest;

/**
 * Where an instance came from, recorded in its metadata.
 *
 * @param origin "RestApi", "DicomProtocol", "Lua", "Plugins", "WebDav" or "Unknown"
 * @param remoteAet the calling AET over DICOM, "" otherwise
 * @param calledAet the called AET over DICOM, null otherwise
 * @param remoteIp the client's address, or null
 * @param httpUsername the authenticated HTTP user ("" without authentication), null outside REST
 */
public record IngestOrigin(String origin, String remoteAet, String calledAet, String remoteIp, String httpUsername) {
    public static IngestOrigin rest(String remoteIp, String httpUsername) {
        return new IngestOrigin("RestApi", "", null, remoteIp, httpUsername == null ? "" : httpUsername);
    }

    /** Stored by a Lua script (RestApiPost("/instances", ...)). */
    public static IngestOrigin lua() {
        return new IngestOrigin("Lua", "", null, null, null);
    }

    public static IngestOrigin dicom(String remoteAet, String calledAet, String remoteIp) {
        return new IngestOrigin("DicomProtocol", remoteAet, calledAet, remoteIp, null);
    }
}
