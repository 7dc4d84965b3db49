package io.isengard.server.resources;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.VR;
import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.server.config.StorageAccessOnFind;
import io.isengard.server.index.FindQuery;
import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.index.TagConstraint;
import io.isengard.server.ingest.IdentifierNormalizer;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.ingest.OrthancText;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;

/**
 * Runs /tools/find, count-resources and lookup (rest-core.md §9, §10). A
 * request becomes one index query on the main tags stored for the level and
 * its ancestors (docs/find.md); constraints on other tags are checked on one
 * stored file per candidate, where StorageAccessOnFind allows it, as Orthanc
 * does.
 */
public final class ResourceSearch {
    static final int MODALITIES_IN_STUDY = 0x00080061;
    static final int MODALITY = 0x00080060;
    static final int TIMEZONE_OFFSET_FROM_UTC = 0x00080201;
    /** Candidates read per index query when files have to be checked. */
    private static final int CANDIDATE_BATCH = 1000;

    private final Index index;
    private final MainDicomTags mainTags;
    private final InstanceFiles files;
    private final StorageAccessOnFind storageAccess;
    private final long limitFindResults;
    private final long limitFindInstances;

    public ResourceSearch(Index index, MainDicomTags mainTags, InstanceFiles files, StorageAccessOnFind storageAccess,
            long limitFindResults, long limitFindInstances) {
        this.index = index;
        this.mainTags = mainTags;
        this.files = files;
        this.storageAccess = storageAccess;
        this.limitFindResults = limitFindResults;
        this.limitFindInstances = limitFindInstances;
    }

    /** A constraint the index cannot answer: checked on a stored file. */
    record FileMatch(int tag, TagConstraint constraint, boolean caseSensitive) {}

    /** The index's share of a request, and what is left for the files. */
    record Plan(FindQuery query, List<FileMatch> fileMatches) {}

    Plan plan(FindRequest r) {
        return plan(r, tag -> r.caseSensitive());
    }

    /** {@code caseSensitiveTag}: per tag, as C-FIND needs it (PN per CaseSensitivePN, every other VR exact). */
    Plan plan(FindRequest r, IntPredicate caseSensitiveTag) {
        ResourceType level = r.level();
        List<FindQuery.TagMatch> tags = new ArrayList<>();
        List<FileMatch> fromFiles = new ArrayList<>();
        r.query().forEach((tag, value) -> {
            VR vr = ElementDictionary.vrOf(tag);
            TagConstraint c = TagConstraint.parse(tag, vr, value);
            if (c == null || tag == TIMEZONE_OFFSET_FROM_UTC) {
                return; // universal; TimezoneOffsetFromUTC is never matched (1.12.4+)
            }
            if (tag == MODALITIES_IN_STUDY && level == ResourceType.STUDY) {
                tags.add(new FindQuery.TagMatch(ResourceType.SERIES, MODALITY, c, caseSensitiveTag.test(MODALITY)));
                return;
            }
            ResourceType at = storedAt(level, tag);
            if (at != null) {
                tags.add(new FindQuery.TagMatch(at, tag, c, caseSensitiveTag.test(tag)));
            } else {
                fromFiles.add(new FileMatch(tag, c, caseSensitiveTag.test(tag)));
            }
        });
        List<FindQuery.MetadataMatch> metadata = new ArrayList<>();
        r.metadataQuery().forEach((type, value) -> {
            TagConstraint c = value.indexOf('*') >= 0 || value.indexOf('?') >= 0
                    ? new TagConstraint.Wildcard(value) : new TagConstraint.Equal(value);
            metadata.add(new FindQuery.MetadataMatch(type, c));
        });
        List<FindQuery.Ordering> orderings = new ArrayList<>();
        for (FindRequest.Order o : r.orderBy()) {
            boolean onMetadata = o.kind().name().startsWith("Metadata");
            ResourceType at = onMetadata ? level : storedAt(level, o.key());
            if (at != null) { // a tag stored nowhere for this level: every resource lacks it, order unchanged
                orderings.add(new FindQuery.Ordering(o.kind(), at, o.key(), o.ascending()));
            }
        }
        FindQuery q = new FindQuery(level, List.copyOf(tags), r.labels(), r.labelsMode(), r.parents(),
                List.copyOf(metadata), List.copyOf(orderings), r.since(), r.limit());
        return new Plan(q, List.copyOf(fromFiles));
    }

    /**
     * The level whose row holds a main tag for a query at {@code level}: a
     * study keeps a copy of its patient's tags, and queries below the patient
     * level match that copy (as Orthanc does: the patient's own tags are those
     * of its first instance), else the level itself or the nearest ancestor
     * that has it; null for a tag that is no main tag at or above the level.
     */
    ResourceType storedAt(ResourceType level, int tag) {
        if (level != ResourceType.PATIENT && mainTags.patientTags().contains(tag)) {
            return ResourceType.STUDY;
        }
        for (ResourceType t = level; t != null; t = t.parent()) {
            if (mainTags.of(t).contains(tag)) {
                return t;
            }
        }
        return null;
    }

    private long cap(ResourceType level) {
        return level == ResourceType.INSTANCE ? limitFindInstances : limitFindResults;
    }

    /** The index query of a plan without file matches, paged as asked and within the caps. */
    private FindQuery paged(Plan plan, FindRequest r) {
        long cap = cap(r.level());
        long limit = r.limit() > 0 && cap > 0 ? Math.min(r.limit(), cap) : Math.max(r.limit(), cap);
        return plan.query().withPage(r.since(), limit);
    }

    /** The matching resources, in order, paged as asked and within LimitFindResults/LimitFindInstances. */
    public List<ResourceRef> find(FindRequest r) throws IOException {
        return find(r, tag -> r.caseSensitive());
    }

    /**
     * As {@link #find(FindRequest)}, then {@code then} on the resources found, in the same
     * transaction when the index alone answers the request: what {@code then} reads of them
     * (their details for an expanded answer) is of the same state of the index, and costs
     * no second transaction.
     */
    public <T> T find(FindRequest r, BiFunction<IndexTransaction, List<ResourceRef>, T> then) throws IOException {
        Plan plan = plan(r);
        if (plan.fileMatches().isEmpty()) {
            FindQuery q = paged(plan, r);
            return index.read(tx -> then.apply(tx, tx.find(q)));
        }
        List<ResourceRef> found = find(r);
        return index.read(tx -> then.apply(tx, found));
    }

    /** As {@link #find(FindRequest)}, with the case sensitivity decided per tag (C-FIND, dicom-server.md §6.2). */
    public List<ResourceRef> find(FindRequest r, IntPredicate caseSensitiveTag) throws IOException {
        Plan plan = plan(r, caseSensitiveTag);
        long cap = cap(r.level());
        if (plan.fileMatches().isEmpty()) {
            FindQuery q = paged(plan, r);
            return index.read(tx -> tx.find(q));
        }
        if (r.paged()) {
            throw new OrthancException(ErrorCode.BadRequest, "Since and Limit cannot be used with constraints on"
                    + " tags that are not stored in the database (" + tagsOf(plan.fileMatches()) + ")");
        }
        if (storageAccess != StorageAccessOnFind.Always) {
            return List.of(); // such tags are only in the files, which may not be read to match
        }
        // As Orthanc: with a cap, the first "cap" candidates of the index are checked, so fewer may match.
        List<ResourceRef> out = new ArrayList<>();
        long offset = 0;
        while (true) {
            long batch = cap > 0 ? Math.min(CANDIDATE_BATCH, cap - offset) : CANDIDATE_BATCH;
            if (batch <= 0) {
                return out;
            }
            FindQuery q = plan.query().withPage(offset, batch);
            List<ResourceRef> candidates = index.read(tx -> tx.find(q));
            for (ResourceRef c : candidates) {
                if (matchesFile(c, plan.fileMatches())) {
                    out.add(c);
                }
            }
            if (candidates.size() < batch) {
                return out;
            }
            offset += candidates.size();
        }
    }

    /** count-resources: in the database only (rest-core.md §9). */
    public long count(FindRequest r) {
        if (r.caseSensitive()) {
            throw new OrthancException(ErrorCode.BadRequest, "count-resources does not support \"CaseSensitive\": true");
        }
        Plan plan = plan(r);
        if (!plan.fileMatches().isEmpty()) {
            throw new OrthancException(ErrorCode.BadRequest, "count-resources only supports constraints on tags"
                    + " stored in the database, not on " + tagsOf(plan.fileMatches()));
        }
        return index.read(tx -> tx.count(plan.query()));
    }

    /** /tools/lookup: patients, studies, series, instances whose identifier is this value (normalised). */
    public List<ResourceRef> lookup(String value) {
        String normalized = IdentifierNormalizer.normalize(value);
        return index.read(tx -> tx.lookupIdentifier(normalized));
    }

    private boolean matchesFile(ResourceRef candidate, List<FileMatch> matches)
            throws IOException {
        ResourceRef instance = candidate.type() == ResourceType.INSTANCE ? candidate
                : index.read(tx -> {
                    List<ResourceRef> l = tx.descendants(candidate.internalId(), ResourceType.INSTANCE);
                    return l.isEmpty() ? null : l.get(0);
                });
        if (instance == null) {
            return false;
        }
        DataSet ds;
        try {
            ds = files.parse(instance, true).dataSet();
        } catch (OrthancException e) {
            return false; // no file (deleted meanwhile, or index-only): nothing to match
        }
        for (FileMatch m : matches) {
            if (!ds.contains(m.tag()) || ds.vr(m.tag()).isBinary()) {
                return false;
            }
            String v = OrthancText.of(ds, m.tag());
            if (v == null || !m.constraint().matches(v, m.caseSensitive())) {
                return false;
            }
        }
        return true;
    }

    private static String tagsOf(List<FileMatch> matches) {
        return String.join(", ", matches.stream().map(m -> io.isengard.dicom.Tag.toString(m.tag())).toList());
    }
}
