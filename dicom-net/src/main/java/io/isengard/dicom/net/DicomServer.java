package io.isengard.dicom.net;

import io.isengard.dicom.io.FileMetaInformation;
import io.isengard.dicom.net.assoc.AcceptorPolicy;
import io.isengard.dicom.net.assoc.Negotiation;
import io.isengard.dicom.net.pdu.AAssociateAc;
import io.isengard.dicom.net.pdu.AAssociateRj;
import io.isengard.dicom.net.pdu.AAssociateRq;
import io.isengard.dicom.net.pdu.Pdu;
import io.isengard.dicom.net.pdu.UserInformation;
import io.isengard.dicom.net.ul.AssociationAbortedException;
import io.isengard.dicom.net.ul.UpperLayer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DICOM listener (SCP): one virtual thread per association,
 * {@code concurrentAssociations} served at a time (the others wait),
 * at most {@code maxAssociations} open (more are rejected with "local limit
 * exceeded"), TCP_NODELAY, optional DICOM TLS. The acceptor policy can be
 * replaced while running (accepted transfer syntaxes and unknown SOP
 * classes change at runtime in Orthanc).
 */
public final class DicomServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DicomServer.class);
    private static final AtomicLong ASSOCIATION_NUMBERS = new AtomicLong();

    /**
     * @param bindAddress null = every interface
     * @param port 0 = any free port
     * @param maxAssociations associations open at once, waiting ones included; more are rejected
     *     (transient, local limit exceeded)
     * @param concurrentAssociations associations served at once (Orthanc's DicomThreadsCount); the others
     *     wait, unread, as they would in the listen backlog of a server with that many threads
     * @param scpTimeout DicomScpTimeout: an association without a command that long is aborted; zero = never
     * @param artim how long to wait for the A-ASSOCIATE-RQ after connecting, and for the close after a release
     * @param maxPduLength MaximumPduLength: our Maximum Length Received
     * @param tls null for plain TCP, else DICOM TLS with this context
     * @param needClientAuth with TLS: require a client certificate (DicomTlsRemoteCertificateRequired)
     */
    public record Config(InetAddress bindAddress, int port, AcceptorPolicy policy, ServiceHandlers handlers,
            int maxAssociations, int concurrentAssociations, Duration scpTimeout, Duration artim, int maxPduLength,
            SSLContext tls, boolean needClientAuth) {
        public Config {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(handlers, "handlers");
        }

        /** Plain TCP on {@code port}, 30 s DicomScpTimeout, 30 s ARTIM, 16 KiB PDUs, 100 associations served at once. */
        public static Config of(int port, AcceptorPolicy policy, ServiceHandlers handlers) {
            return new Config(null, port, policy, handlers, 1000, 100, Duration.ofSeconds(30),
                    Duration.ofSeconds(30), 16384, null, false);
        }

        /** How many associations are served at once; the others wait for a slot. */
        public Config withConcurrentAssociations(int n) {
            return new Config(bindAddress, port, policy, handlers, maxAssociations, n, scpTimeout, artim,
                    maxPduLength, tls, needClientAuth);
        }

        public Config withTimeouts(Duration scp, Duration artimTimeout) {
            return new Config(bindAddress, port, policy, handlers, maxAssociations, concurrentAssociations, scp,
                    artimTimeout, maxPduLength, tls, needClientAuth);
        }

        public Config withMaxAssociations(int max) {
            return new Config(bindAddress, port, policy, handlers, max, concurrentAssociations, scpTimeout, artim,
                    maxPduLength, tls, needClientAuth);
        }

        public Config withMaxPduLength(int max) {
            return new Config(bindAddress, port, policy, handlers, maxAssociations, concurrentAssociations, scpTimeout,
                    artim, max, tls, needClientAuth);
        }

        public Config withTls(SSLContext context, boolean clientAuth) {
            return new Config(bindAddress, port, policy, handlers, maxAssociations, concurrentAssociations, scpTimeout,
                    artim, maxPduLength, context, clientAuth);
        }
    }

    private final Config config;
    private final ServerSocket serverSocket;
    private final AtomicReference<AcceptorPolicy> policy;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Semaphore slots;
    private final Set<UpperLayer> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closing;

    private DicomServer(Config config, ServerSocket serverSocket) {
        this.config = config;
        this.serverSocket = serverSocket;
        this.policy = new AtomicReference<>(config.policy());
        this.slots = new Semaphore(Math.max(1, config.concurrentAssociations()), true);
        this.acceptor = Thread.ofVirtual().name("dicom-server-" + serverSocket.getLocalPort()).unstarted(this::acceptLoop);
    }

    /** Binds and starts listening. */
    public static DicomServer start(Config config) throws IOException {
        ServerSocket s;
        if (config.tls() != null) {
            SSLServerSocket ssl = (SSLServerSocket) config.tls().getServerSocketFactory().createServerSocket();
            ssl.setNeedClientAuth(config.needClientAuth());
            s = ssl;
        } else {
            s = new ServerSocket();
        }
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        DicomServer server = new DicomServer(config, s);
        server.acceptor.start();
        LOG.info("DICOM server listening on port {} as {}{}", s.getLocalPort(), config.policy().aeTitle(),
                config.tls() != null ? " (DICOM TLS)" : "");
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public AcceptorPolicy policy() {
        return policy.get();
    }

    /** Replaces the policy for associations negotiated from now on. */
    public void policy(AcceptorPolicy p) {
        policy.set(Objects.requireNonNull(p));
    }

    /** Connections open now, served or waiting. */
    public int activeAssociations() {
        return active.get();
    }

    /** Connections waiting for one of the {@code concurrentAssociations} slots. */
    public int waitingAssociations() {
        return waiting.get();
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.error("DICOM server on port {}: accept failed: {}", port(), e.toString());
                }
                return;
            }
            Thread.ofVirtual().name("dicom-association").start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        String name = "association " + ASSOCIATION_NUMBERS.incrementAndGet() + " from "
                + socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        int count = active.incrementAndGet();
        UpperLayer ul = null;
        boolean served = false;
        try {
            if (count <= config.maxAssociations()) {
                waiting.incrementAndGet();
                try {
                    slots.acquire();
                    served = true;
                } finally {
                    waiting.decrementAndGet();
                }
            }
            socket.setTcpNoDelay(true);
            ul = new UpperLayer(socket, false, name);
            open.add(ul);
            ul.maxReceivedPDataLength(config.maxPduLength());
            AAssociateRq rq = ul.awaitAssociateRq(config.artim());
            name = name + " (" + rq.callingAeTitle() + " -> " + rq.calledAeTitle() + ")";
            AcceptorPolicy p = policy.get();
            Pdu answer = count > config.maxAssociations() ? Negotiation.localLimitExceeded()
                    : Negotiation.answer(rq, p, UserInformation.of(config.maxPduLength(),
                            FileMetaInformation.IMPLEMENTATION_CLASS_UID,
                            FileMetaInformation.IMPLEMENTATION_VERSION_NAME), socket.getInetAddress());
            if (answer instanceof AAssociateRj rj) {
                LOG.info("{}: rejected: {}", name, rj);
                ul.reject(rj, config.artim());
                return;
            }
            AAssociateAc ac = (AAssociateAc) answer;
            ul.accept(ac);
            LOG.debug("{}: accepted, {} of {} presentation contexts", name,
                    ac.presentationContexts().stream().filter(pc -> pc.accepted()).count(),
                    ac.presentationContexts().size());
            new Association(ul, rq, ac, false, config.handlers(), config.scpTimeout()).run();
        } catch (AssociationAbortedException e) {
            LOG.info("{}", e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: {}", name, e.toString());
            if (ul != null) {
                ul.abort();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (served) {
                slots.release();
            }
            active.decrementAndGet();
            if (ul != null) {
                open.remove(ul);
                ul.closeSocket();
            } else {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** Stops listening and aborts the open associations. */
    @Override
    public void close() {
        closing = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (UpperLayer ul : open) {
            ul.abort();
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
