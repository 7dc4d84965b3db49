package io.isengard.server.peers;

import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.ExportLog;
import io.isengard.server.resources.InstanceFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * POST /peers/{id}/store: checks the request as Orthanc does before it
 * makes the job, expands the resources to their instances, logs the
 * exports and makes the {@link PeerStoreJob}.
 */
public final class PeerStoreService {

    private final PeerRegistry peers;
    private final OutgoingHttp http;
    private final Index index;
    private final InstanceFiles files;
    private final ExportLog exports;
    private final RetryPolicy retries;
    private final int parallelism;

    public PeerStoreService(PeerRegistry peers, OutgoingHttp http, Index index, InstanceFiles files,
            ExportLog exports, RetryPolicy retries, int parallelism) {
        this.peers = peers;
        this.http = http;
        this.index = index;
        this.files = files;
        this.exports = exports;
        this.retries = retries;
        this.parallelism = parallelism;
    }

    /** What a job needs: the peer, the request, the listed resources and their instances in order. */
    public record Prepared(OrthancPeer peer, PeerStoreRequest request, List<ResourceRef> parents,
            List<String> instances) {
    }

    /** Orthanc's checks before a job is made: the resources exist (404, 17), then the peer (404, 17). */
    public Prepared prepare(String peerName, PeerStoreRequest request) {
        record Expanded(List<ResourceRef> parents, List<String> instances) {
        }
        Expanded e = index.read(tx -> {
            List<ResourceRef> parents = new ArrayList<>();
            List<String> instances = new ArrayList<>();
            for (String id : request.resources()) {
                ResourceRef r = tx.lookup(id);
                if (r == null) {
                    throw new OrthancException(ErrorCode.UnknownResource);
                }
                parents.add(r);
                if (r.type() == ResourceType.INSTANCE) {
                    instances.add(r.publicId());
                } else {
                    tx.descendants(r.internalId(), ResourceType.INSTANCE).forEach(i -> instances.add(i.publicId()));
                }
            }
            return new Expanded(parents, instances);
        });
        return new Prepared(peers.require(peerName), request, e.parents(), e.instances());
    }

    /** Logs the exports (before the transfer, as Orthanc) and makes the "OrthancPeerStore" job. */
    public PeerStoreJob newJob(Prepared p) {
        exports.log(p.parents(), p.peer().name());
        PeerStoreRequest r = p.request();
        PeerStoreJob.Definition d = new PeerStoreJob.Definition(p.peer(), "REST API",
                p.parents().stream().map(ResourceRef::publicId).toList(), p.instances(),
                new PeerStore.Options(r.compress(), r.transcode(), r.permissive()));
        return new PeerStoreJob(d, http, files, retries, parallelism, 0, 0, java.util.Set.of());
    }

    /** The job type, to register before the jobs engine starts (SaveJobs reloads saved stores). */
    public void registerJobType(io.isengard.server.jobs.JobTypes types) {
        types.register(PeerStoreJob.TYPE, PeerStoreJob.factory(http, files, retries, parallelism));
    }
}
