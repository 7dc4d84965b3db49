package io.isengard.server.dicom;

import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The server-level options of the DICOM server (dicom-server.md §1), read
 * with Orthanc's defaults.
 */
public record DicomServerSettings(boolean enabled, String aet, int port, boolean checkCalledAet,
        boolean checkModalityHost, boolean strictAetComparison, boolean alwaysAllowEcho, boolean alwaysAllowFind,
        boolean alwaysAllowFindWorklist, boolean alwaysAllowGet, boolean alwaysAllowMove, boolean alwaysAllowStore,
        boolean unknownSopClassAccepted, Set<String> acceptedTransferSyntaxes, Duration scpTimeout,
        Duration scuTimeout, int maximumPduLength, int threadsCount,
        boolean caseSensitivePN, long limitFindResults, long limitFindInstances, boolean synchronousCMove,
        Tls tls) {

    /** DICOM TLS of the listener and of connections to modalities with UseDicomTls; null when disabled. */
    public record Tls(Path certificate, Path privateKey, Path trustedCertificates, boolean remoteCertificateRequired) {}

    public static DicomServerSettings of(OrthancConfiguration c) {
        int pdu = c.getUnsignedInt("MaximumPduLength", 16384);
        if (pdu < 4096 || pdu > 131072) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange, "The configuration option \"MaximumPduLength\""
                    + " must be between 4096 and 131072 bytes, not " + pdu);
        }
        int threads = c.getUnsignedInt("DicomThreadsCount", 4);
        Tls tls = null;
        // Read whether enabled or not, so that every option is checked and known as read.
        boolean tlsEnabled = c.getBoolean("DicomTlsEnabled", false);
        boolean remoteCertificateRequired = c.getBoolean("DicomTlsRemoteCertificateRequired", true);
        List<String> files = List.of("DicomTlsCertificate", "DicomTlsPrivateKey", "DicomTlsTrustedCertificates");
        for (String option : files) {
            if (!c.has(option) && tlsEnabled) {
                throw new OrthancException(ErrorCode.BadFileFormat, "\"DicomTlsEnabled\" is true, so the "
                        + "configuration option \"" + option + "\" (a PEM file) is required");
            }
        }
        if (tlsEnabled) {
            tls = new Tls(c.getPath(files.get(0), null), c.getPath(files.get(1), null), c.getPath(files.get(2), null),
                    remoteCertificateRequired);
        }
        return new DicomServerSettings(
                c.getBoolean("DicomServerEnabled", true),
                c.getString("DicomAet", "ORTHANC"),
                c.getUnsignedInt("DicomPort", 4242),
                c.getBoolean("DicomCheckCalledAet", false),
                c.getBoolean("DicomCheckModalityHost", false),
                c.getBoolean("StrictAetComparison", false),
                c.getBoolean("DicomAlwaysAllowEcho", true),
                c.getBoolean("DicomAlwaysAllowFind", false),
                c.getBoolean("DicomAlwaysAllowFindWorklist", false),
                c.getBoolean("DicomAlwaysAllowGet", false),
                c.getBoolean("DicomAlwaysAllowMove", false),
                c.getBoolean("DicomAlwaysAllowStore", true),
                c.getBoolean("UnknownSopClassAccepted", false),
                AcceptedTransferSyntaxes.of(c),
                Duration.ofSeconds(c.getUnsignedInt("DicomScpTimeout", 30)),
                Duration.ofSeconds(c.getUnsignedInt("DicomScuTimeout", 10)),
                pdu,
                threads == 0 ? 1 : threads,
                c.getBoolean("CaseSensitivePN", false),
                c.getUnsignedLong("LimitFindResults", 0),
                c.getUnsignedLong("LimitFindInstances", 0),
                c.getBoolean("SynchronousCMove", true),
                tls);
    }

    /** The {@code DicomAlwaysAllow<type>} flag; storage commitment has none. */
    public boolean alwaysAllows(DicomRequestType type) {
        return switch (type) {
            case Echo -> alwaysAllowEcho;
            case Find -> alwaysAllowFind;
            case FindWorklist -> alwaysAllowFindWorklist;
            case Get -> alwaysAllowGet;
            case Move -> alwaysAllowMove;
            case Store -> alwaysAllowStore;
            case NAction, NEventReport -> false;
        };
    }

    /** Any DicomAlwaysAllow* flag set: then every caller is accepted at association level (§2 step 6). */
    public boolean anyAlwaysAllow() {
        return alwaysAllowEcho || alwaysAllowFind || alwaysAllowFindWorklist || alwaysAllowGet || alwaysAllowMove
                || alwaysAllowStore;
    }
}
