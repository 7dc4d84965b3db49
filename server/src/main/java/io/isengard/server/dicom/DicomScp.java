package io.isengard.server.dicom;

import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.ServiceHandlers;
import io.isengard.dicom.net.assoc.AcceptorPolicy;
import io.isengard.server.config.DefaultEncoding;
import io.isengard.server.index.Index;
import io.isengard.server.ingest.IngestService;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.resources.RequestedTags;
import io.isengard.server.resources.ResourceSearch;
import io.isengard.server.tls.CertificateChain;
import io.isengard.server.tls.HttpsContext;
import io.isengard.server.tls.Pem;
import io.isengard.server.tls.PemException;
import io.isengard.server.tls.PemPrivateKeys;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isengard's DICOM server: the {@code dicom-net} SCP with Orthanc's
 * acceptance rules and the C-ECHO, C-STORE, C-FIND, C-MOVE and C-GET
 * services on the index and the storage area. The accepted transfer
 * syntaxes and UnknownSopClassAccepted can be changed while it runs.
 */
public final class DicomScp implements AutoCloseable, DicomToolsRoutes.Policy {
    private static final Logger LOG = LoggerFactory.getLogger(DicomScp.class);

    private final DicomServerSettings settings;
    private final DicomServer server;
    private final ReentrantLock policyLock = new ReentrantLock();
    private volatile Set<String> acceptedTransferSyntaxes;
    private volatile boolean unknownSopClassAccepted;

    private final DicomAccess access;

    private DicomScp(DicomServerSettings settings, DicomServer server, DicomAccess access) {
        this.settings = settings;
        this.server = server;
        this.access = access;
        this.acceptedTransferSyntaxes = settings.acceptedTransferSyntaxes();
        this.unknownSopClassAccepted = settings.unknownSopClassAccepted();
    }

    /** The services the SCP needs from the rest of the server. */
    public record Services(Index index, IngestService ingest, ResourceSearch search, RequestedTags requestedTags,
            InstanceFiles files, Supplier<DefaultEncoding> defaultEncoding, IncomingFindFilter findFilter,
            MoveJobs moveJobs) {}

    /** Binds the DICOM port and starts serving. */
    public static DicomScp start(DicomServerSettings settings, KnownModalities modalities, Services s)
            throws IOException {
        DicomAccess access = new DicomAccess(settings, modalities);
        SSLContext tls = settings.tls() == null ? null : sslContext(settings.tls());
        RetrieveScp retrieve = new RetrieveScp(access, modalities, s.index(), s.search(), s.files(), settings, tls,
                s.moveJobs());
        ServiceHandlers handlers = new ServiceHandlers((association, request) -> {
            access.require(DicomRequestType.Echo, association);
            return io.isengard.dicom.net.dimse.Status.SUCCESS;
        }, new StoreScp(access, s.ingest()),
                new FindScp(access, s.search(), s.requestedTags(), s.defaultEncoding(), settings, s.findFilter()),
                retrieve::move, retrieve::get);
        AcceptorPolicy policy = policy(settings.aet(), settings.acceptedTransferSyntaxes(),
                settings.unknownSopClassAccepted(), access);
        DicomServer.Config config = DicomServer.Config.of(settings.port(), policy, handlers)
                .withTimeouts(settings.scpTimeout(), Duration.ofSeconds(30))
                .withMaxPduLength(settings.maximumPduLength())
                .withConcurrentAssociations(settings.threadsCount());
        if (tls != null) {
            config = config.withTls(tls, settings.tls().remoteCertificateRequired());
        }
        DicomServer server;
        try {
            server = DicomServer.start(config);
        } catch (IOException e) {
            throw new OrthancException(ErrorCode.DicomPortInUse, "cannot listen on DICOM port " + settings.port()
                    + " (\"DicomPort\"): " + e.getMessage(), e);
        }
        LOG.warn("DICOM server listening on port {} as AE title {}{}", server.port(), settings.aet(),
                tls != null ? " (DICOM TLS)" : "");
        return new DicomScp(settings, server, access);
    }

    private static AcceptorPolicy policy(String aet, Set<String> transferSyntaxes, boolean unknownSopClassAccepted,
            DicomAccess access) {
        return AcceptorPolicy.orthancLike(aet, AcceptedTransferSyntaxes.preferenceOrder(transferSyntaxes))
                .withUnknownSopClassAccepted(unknownSopClassAccepted)
                .withCheck(access.associationCheck());
    }

    /** DicomTlsCertificate and DicomTlsPrivateKey as our credentials, DicomTlsTrustedCertificates as trusted. */
    static SSLContext sslContext(DicomServerSettings.Tls t) {
        try {
            List<X509Certificate> chain = Pem.certificates(Pem.read(t.certificate()));
            List<Pem.Block> keys = new ArrayList<>();
            for (Pem.Block b : Pem.read(t.privateKey())) {
                if (PemPrivateKeys.isPrivateKey(b)) {
                    keys.add(b);
                }
            }
            if (chain.isEmpty() || keys.size() != 1) {
                throw new PemException("expected certificates in \"DicomTlsCertificate\" (" + t.certificate()
                        + ") and one private key in \"DicomTlsPrivateKey\" (" + t.privateKey() + ")");
            }
            PrivateKey key = PemPrivateKeys.decode(keys.get(0));
            List<X509Certificate> trusted = Pem.certificates(Pem.read(t.trustedCertificates()));
            return HttpsContext.sslContext(new CertificateChain(key, chain), trusted);
        } catch (PemException e) {
            throw new OrthancException(ErrorCode.SslInitialization, "DICOM TLS: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
    }

    public DicomServerSettings settings() {
        return settings;
    }

    @Override
    public Set<String> acceptedTransferSyntaxes() {
        return acceptedTransferSyntaxes;
    }

    /** New associations negotiate with these (PUT /tools/accepted-transfer-syntaxes). */
    @Override
    public void acceptedTransferSyntaxes(Set<String> uids) {
        policyLock.lock();
        try {
            acceptedTransferSyntaxes = AcceptedTransferSyntaxes.ordered(uids);
            server.policy(policy(settings.aet(), acceptedTransferSyntaxes, unknownSopClassAccepted, access));
        } finally {
            policyLock.unlock();
        }
    }

    @Override
    public boolean unknownSopClassAccepted() {
        return unknownSopClassAccepted;
    }

    @Override
    public void unknownSopClassAccepted(boolean accepted) {
        policyLock.lock();
        try {
            unknownSopClassAccepted = accepted;
            server.policy(policy(settings.aet(), acceptedTransferSyntaxes, accepted, access));
        } finally {
            policyLock.unlock();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
