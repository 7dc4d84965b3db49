package io.isengard.server.dicom;

import io.isengard.dicom.net.Association;
import io.isengard.dicom.net.Handlers;
import io.isengard.dicom.net.assoc.AssociationCheck;
import io.isengard.dicom.net.assoc.Negotiation;
import io.isengard.dicom.net.pdu.AAssociateRj;
import io.isengard.dicom.net.pdu.AAssociateRq;
import java.net.InetAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may associate and who may ask what (dicom-server.md §2, §2.1):
 * Orthanc's {@code IsAllowedConnection} at association time and
 * {@code IsAllowedRequest} for every DIMSE request.
 */
public final class DicomAccess {
    private static final Logger LOG = LoggerFactory.getLogger(DicomAccess.class);

    private final DicomServerSettings settings;
    private final KnownModalities modalities;

    public DicomAccess(DicomServerSettings settings, KnownModalities modalities) {
        this.settings = settings;
        this.modalities = modalities;
    }

    /** The association check: the called AE title (DicomCheckCalledAet), then the calling one. */
    public AssociationCheck associationCheck() {
        return (AAssociateRq rq, InetAddress peer) -> {
            if (settings.checkCalledAet() && !aetEquals(rq.calledAeTitle(), settings.aet(),
                    settings.strictAetComparison())) {
                LOG.warn("association from {} ({}) refused: called AE title \"{}\" is not ours (\"{}\")",
                        rq.callingAeTitle(), peer.getHostAddress(), rq.calledAeTitle(), settings.aet());
                return Negotiation.calledAeTitleNotRecognized();
            }
            if (!isAllowedConnection(rq.callingAeTitle(), peer)) {
                LOG.warn("association from {} ({}) refused: unknown calling AE title (not in \"DicomModalities\"{}) "
                        + "and every DicomAlwaysAllow* option is false", rq.callingAeTitle(), peer.getHostAddress(),
                        settings.checkModalityHost() ? " with this host" : "");
                return Negotiation.callingAeTitleNotRecognized();
            }
            return (AAssociateRj) null;
        };
    }

    boolean isAllowedConnection(String callingAet, InetAddress peer) {
        if (settings.anyAlwaysAllow()) {
            return true;
        }
        for (KnownModality m : modalities.allByAet(callingAet)) {
            if (!settings.checkModalityHost() || sameHost(m, peer)) {
                return true;
            }
        }
        return false;
    }

    /** {@code IsAllowedRequest}: whether the calling AE title may send this kind of request. */
    public boolean isAllowedRequest(DicomRequestType type, String callingAet, InetAddress peer) {
        if (settings.alwaysAllows(type)) {
            return true;
        }
        List<KnownModality> matches = modalities.allByAet(callingAet);
        if (matches.isEmpty()) {
            return false;
        }
        if (matches.size() == 1) {
            KnownModality m = matches.get(0);
            if (settings.checkModalityHost() && !sameHost(m, peer)) {
                return false;
            }
            return m.allows(type);
        }
        if (settings.checkModalityHost()) {
            for (KnownModality m : matches) {
                if (sameHost(m, peer) && m.allows(type)) {
                    return true;
                }
            }
        }
        return matches.stream().allMatch(m -> m.allows(type));
    }

    /** Aborts the association (no DIMSE answer, as Orthanc) when the request is not allowed. */
    void require(DicomRequestType type, Association association) throws Handlers.AbortAssociation {
        if (!isAllowedRequest(type, association.callingAeTitle(), association.remoteAddress())) {
            String why = type + " request from AE title \"" + association.callingAeTitle() + "\" ("
                    + association.remoteAddress().getHostAddress() + ") refused: DicomAlwaysAllow" + type
                    + " is false and no modality of \"DicomModalities\" with this AE title"
                    + (settings.checkModalityHost() ? " and host" : "") + " allows it";
            LOG.warn("{}: {}", association, why);
            throw new Handlers.AbortAssociation(why);
        }
    }

    /** DicomCheckModalityHost: the peer's IP as text equals the modality's Host. */
    private static boolean sameHost(KnownModality m, InetAddress peer) {
        return m.host().equals(peer.getHostAddress());
    }

    static boolean aetEquals(String a, String b, boolean strict) {
        if (a == null || b == null) {
            return false;
        }
        return strict ? a.equals(b) : a.toUpperCase(java.util.Locale.ROOT).equals(b.toUpperCase(java.util.Locale.ROOT));
    }
}
