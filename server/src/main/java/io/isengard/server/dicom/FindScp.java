package io.isengard.server.dicom;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.charset.SpecificCharacterSet;
import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.dicom.net.Handlers;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.server.config.DefaultEncoding;
import io.isengard.server.index.FindQuery;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.FindRequest;
import io.isengard.server.resources.RequestedTags;
import io.isengard.server.resources.ResourceSearch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C-FIND SCP, patient and study roots (dicom-server.md §6): the identifier
 * becomes a find request on the index (the same matching as /tools/find),
 * each match an answer with the requested keys filled in, computed
 * attributes included, encoded in DefaultEncoding.
 */
final class FindScp implements Handlers.Find {
    private static final Logger LOG = LoggerFactory.getLogger(FindScp.class);

    static final int QUERY_RETRIEVE_LEVEL = 0x00080052;
    static final int RETRIEVE_AE_TITLE = 0x00080054;
    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int TIMEZONE_OFFSET_FROM_UTC = 0x00080201;
    /** Computed attributes: answered, never matched. */
    private static final Set<Integer> COMPUTED = Set.of(0x00201200, 0x00201202, 0x00201204, 0x00201206, 0x00201208,
            0x00201209, 0x00080062, 0x00080056);

    private static final Set<VR> NUMBERS = Set.of(VR.US, VR.UL, VR.SS, VR.SL, VR.FL, VR.FD);

    private final DicomAccess access;
    private final ResourceSearch search;
    private final RequestedTags requestedTags;
    private final Supplier<DefaultEncoding> encoding;
    private final String aet;
    private final boolean caseSensitivePN;
    private final long limitFindResults;
    private final long limitFindInstances;
    private final IncomingFindFilter filter;
    private static final int ANSWERS_PER_READ = 100;

    FindScp(DicomAccess access, ResourceSearch search, RequestedTags requestedTags, Supplier<DefaultEncoding> encoding,
            DicomServerSettings settings, IncomingFindFilter filter) {
        this.filter = filter;
        this.access = access;
        this.search = search;
        this.requestedTags = requestedTags;
        this.encoding = encoding;
        this.aet = settings.aet();
        this.caseSensitivePN = settings.caseSensitivePN();
        this.limitFindResults = settings.limitFindResults();
        this.limitFindInstances = settings.limitFindInstances();
    }

    /** QueryRetrieveLevel as Orthanc reads it (case-insensitive, plural forms too); null if unknown. */
    static ResourceType level(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "PATIENT", "PATIENTS" -> ResourceType.PATIENT;
            case "STUDY", "STUDIES" -> ResourceType.STUDY;
            case "SERIES" -> ResourceType.SERIES;
            case "IMAGE", "IMAGES", "INSTANCE", "INSTANCES" -> ResourceType.INSTANCE;
            default -> null;
        };
    }

    @Override
    public int find(Handlers.QueryRequest request, Handlers.QueryResponder responder) throws IOException {
        access.require(DicomRequestType.Find, request.association());
        DataSet identifier = filtered(request.identifier(), request);
        String levelText = identifier.string(QUERY_RETRIEVE_LEVEL);
        ResourceType level = level(levelText);
        if (level == null) {
            LOG.warn("{}: C-FIND refused: QueryRetrieveLevel (0008,0052) is {}, expected PATIENT, STUDY, SERIES or"
                    + " IMAGE", request.association(), levelText == null ? "missing" : "\"" + levelText + "\"");
            return Status.UNABLE_TO_PROCESS;
        }
        Map<Integer, String> query = new LinkedHashMap<>();
        List<Integer> requested = new ArrayList<>();
        for (int i = 0; i < identifier.size(); i++) {
            int tag = identifier.tagAt(i);
            if (Tag.group(tag) < 0x0008 || Tag.element(tag) == 0x0000 || tag == QUERY_RETRIEVE_LEVEL
                    || tag == SPECIFIC_CHARACTER_SET || tag == RETRIEVE_AE_TITLE) {
                continue;
            }
            requested.add(tag);
            // Sequences are returned, never matched (that is for worklists); so are computed attributes.
            if (identifier.vrAt(i) == VR.SQ || COMPUTED.contains(tag) || tag == TIMEZONE_OFFSET_FROM_UTC) {
                continue;
            }
            String value = identifier.string(tag);
            if (value != null && !value.isEmpty()) {
                query.put(tag, value);
            }
        }
        FindRequest find = new FindRequest(level, query, true, 0, 0, List.of(), FindQuery.LabelsConstraint.All,
                List.of(), Map.of(), List.of());
        List<ResourceRef> matches = search.find(find, tag -> caseSensitivePN || ElementDictionary.vrOf(tag) != VR.PN);
        long limit = level == ResourceType.INSTANCE ? limitFindInstances : limitFindResults;
        boolean truncated = limit > 0 && matches.size() > limit;
        if (truncated) {
            matches = matches.subList(0, (int) limit);
        }
        LOG.info("{}: C-FIND at {} level: {} match(es){}", request.association(), level, matches.size(),
                truncated ? " (more than " + limit + ": truncated)" : "");
        // The index's values of a page of matches in one transaction (not one per answer).
        for (int from = 0; from < matches.size(); from += ANSWERS_PER_READ) {
            List<ResourceRef> page = matches.subList(from, Math.min(matches.size(), from + ANSWERS_PER_READ));
            List<RequestedTags.Values> values = requestedTags.resolveAll(page, requested);
            for (int i = 0; i < page.size(); i++) {
                if (!responder.pending(answer(values.get(i), identifier, requested, levelText))) {
                    return Status.CANCEL;
                }
            }
        }
        // As Orthanc: more matches than LimitFindResults/LimitFindInstances end with "cancel".
        return truncated ? Status.CANCEL : Status.SUCCESS;
    }

    /**
     * The characters of {@code value} that the answer's character set can
     * encode: as Orthanc, the others are dropped (rather than replaced).
     */
    static String representable(DataSet answer, VR vr, String value) {
        if (!vr.usesSpecificCharacterSet() || value.chars().allMatch(c -> c < 0x80)) {
            return value;
        }
        SpecificCharacterSet cs = answer.specificCharacterSet();
        if (cs.definedTerms().contains("ISO_IR 192")) {
            return value;
        }
        StringBuilder kept = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            String one = new String(Character.toChars(cp));
            if (cp < 0x80) {
                kept.append(one);
                return;
            }
            byte[] encoded = cs.encode(one, vr);
            if (one.equals(cs.decode(encoded, 0, encoded.length, vr))) {
                kept.append(one);
            }
        });
        return kept.toString();
    }

    /**
     * The identifier as the IncomingFindRequestFilter rewrites it: the filter
     * sees the non-sequence elements as strings (binary values as ""); the
     * sequences, which it does not see, are kept.
     */
    private DataSet filtered(DataSet identifier, Handlers.QueryRequest request) {
        if (filter == IncomingFindFilter.NONE) {
            return identifier;
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < identifier.size(); i++) {
            int tag = identifier.tagAt(i);
            if (Tag.element(tag) == 0x0000 || identifier.vrAt(i) == VR.SQ) {
                continue;
            }
            String value = identifier.vrAt(i).isBinary() ? "" : identifier.string(tag);
            query.put(String.format("%04x,%04x", Tag.group(tag), Tag.element(tag)), value == null ? "" : value);
        }
        var association = request.association();
        Map<String, String> rewritten = filter.filter(query, association.remoteAddress().getHostAddress(),
                association.callingAeTitle(), association.calledAeTitle());
        if (rewritten == query) {
            return identifier; // no filter defined: the query as received
        }
        java.util.TreeMap<Integer, Object[]> elements = new java.util.TreeMap<>(Integer::compareUnsigned);
        for (int i = 0; i < identifier.size(); i++) {
            if (identifier.vrAt(i) == VR.SQ) {
                elements.put(identifier.tagAt(i), new Object[] {VR.SQ, identifier.sequence(identifier.tagAt(i))});
            }
        }
        for (Map.Entry<String, String> e : rewritten.entrySet()) {
            int tag = io.isengard.server.config.TagNames.parse(e.getKey());
            VR vr = identifier.contains(tag) ? identifier.vr(tag) : ElementDictionary.vrOf(tag);
            if (vr == null || vr == VR.UN) {
                vr = VR.LO;
            }
            elements.put(tag, new Object[] {vr, e.getValue()});
        }
        if (!elements.containsKey(QUERY_RETRIEVE_LEVEL) && identifier.contains(QUERY_RETRIEVE_LEVEL)) {
            elements.put(QUERY_RETRIEVE_LEVEL, new Object[] {VR.CS, identifier.string(QUERY_RETRIEVE_LEVEL)});
        }
        DataSet out = new DataSet();
        for (Map.Entry<Integer, Object[]> e : elements.entrySet()) {
            VR vr = (VR) e.getValue()[0];
            if (e.getValue()[1] instanceof String text) {
                if (vr.isBinary()) {
                    out.put(e.getKey(), vr, new byte[0]);
                } else {
                    out.putString(e.getKey(), vr, text);
                }
            } else {
                out.put(e.getKey(), vr, e.getValue()[1]);
            }
        }
        return out;
    }

    /** One answer: the request's keys with this resource's values (empty when unknown or binary). */
    private DataSet answer(RequestedTags.Values values, DataSet identifier, List<Integer> requested,
            String levelText) {
        DataSet answer = new DataSet();
        String charset = encoding.get().definedTerm();
        if (charset != null) {
            answer.putString(SPECIFIC_CHARACTER_SET, VR.CS, charset);
        }
        answer.putString(QUERY_RETRIEVE_LEVEL, VR.CS, levelText);
        answer.putString(RETRIEVE_AE_TITLE, VR.AE, aet);
        for (int tag : requested) {
            VR vr = identifier.vr(tag);
            if (vr == VR.SQ) {
                Sequence stored = values.fromFile().contains(tag) && values.fromFile().vr(tag) == VR.SQ
                        ? values.fromFile().sequence(tag) : null;
                if (stored != null) {
                    answer.put(tag, VR.SQ, stored);
                } else {
                    answer.newSequence(tag);
                }
                continue;
            }
            if (NUMBERS.contains(vr)) {
                // Binary numbers are answered as stored (Orthanc gives them too); other binary values are empty.
                DataSet file = values.fromFile();
                answer.put(tag, vr, file.contains(tag) && file.vr(tag) == vr ? file.value(tag) : new byte[0]);
                continue;
            }
            String value = values.strings().get(tag);
            if (value == null && values.fromFile().contains(tag) && !values.fromFile().vr(tag).isBinary()) {
                value = values.fromFile().string(tag);
            }
            if (vr == VR.UN) {
                VR known = ElementDictionary.vrOf(tag);
                vr = known == null || known == VR.UN ? VR.LO : known;
            }
            answer.putString(tag, vr, value == null || vr.isBinary() ? "" : representable(answer, vr, value));
        }
        return answer;
    }
}
