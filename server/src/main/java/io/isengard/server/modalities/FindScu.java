package io.isengard.server.modalities;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.net.DimseResponse;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.server.config.DefaultEncoding;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orthanc's C-FIND SCU (modalities.md §7.2-7.3): normalization of the
 * query, manufacturer fixes, the automatic key tags, one association per
 * query, answers collected.
 */
public final class FindScu {
    private static final Logger LOG = LoggerFactory.getLogger(FindScu.class);

    static final int SPECIFIC_CHARACTER_SET = Tag.SpecificCharacterSet;
    static final int QUERY_RETRIEVE_LEVEL = 0x00080052;
    static final int PATIENT_ID = 0x00100020;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int SOP_INSTANCE_UID = Tag.SOPInstanceUID;

    /** Key tags added when absent, per level (§7.2 step 5). */
    private static final Map<ResourceType, int[]> KEY_TAGS = Map.of(
            ResourceType.PATIENT, new int[] {PATIENT_ID},
            ResourceType.STUDY, new int[] {ACCESSION_NUMBER, STUDY_INSTANCE_UID, PATIENT_ID},
            ResourceType.SERIES, new int[] {SERIES_INSTANCE_UID, ACCESSION_NUMBER, STUDY_INSTANCE_UID, PATIENT_ID},
            ResourceType.INSTANCE, new int[] {SOP_INSTANCE_UID, SERIES_INSTANCE_UID, ACCESSION_NUMBER,
                STUDY_INSTANCE_UID, PATIENT_ID});

    private final ModalityConnector connector;
    private final MainDicomTags mainTags;
    private final Supplier<DefaultEncoding> encoding;
    private volatile OutgoingFindFilter filter = OutgoingFindFilter.NONE;

    /**
     * Rewrites the keys of every C-FIND sent by {@link #find} (Lua's
     * OutgoingFindRequestFilter, lua.md §3): keys {@code "gggg,eeee"} in
     * lower-case hexadecimal, values strings; the answer's keys may also be
     * tag names.
     */
    @FunctionalInterface
    public interface OutgoingFindFilter {
        Map<String, String> filter(Map<String, String> query, String modalityAet);

        OutgoingFindFilter NONE = (query, modalityAet) -> query;
    }

    /** Set once at start-up, after the scripts are loaded (they come after the routes). */
    public void filterWith(OutgoingFindFilter filter) {
        this.filter = filter;
    }

    public FindScu(ModalityConnector connector, MainDicomTags mainTags, Supplier<DefaultEncoding> encoding) {
        this.connector = connector;
        this.mainTags = mainTags;
        this.encoding = encoding;
    }

    /** The main DICOM tags of one level (the template of the deprecated finds). */
    public List<Integer> mainTagsOf(ResourceType level) {
        return mainTags.of(level);
    }

    /** The tags a normalized query keeps at a level (§7.3). */
    public Set<Integer> allowedTags(ResourceType level) {
        Set<Integer> allowed = new HashSet<>();
        allowed.add(SPECIFIC_CHARACTER_SET);
        for (ResourceType l = ResourceType.PATIENT; l != null && l.ordinal() <= level.ordinal(); l = l.child()) {
            allowed.addAll(mainTags.of(l));
        }
        switch (level) {
            case PATIENT -> allowed.addAll(List.of(0x00201200, 0x00201202, 0x00201204));
            case STUDY -> allowed.addAll(List.of(0x00080061, 0x00201206, 0x00201208, 0x00080062));
            case SERIES -> allowed.add(0x00201209);
            case INSTANCE -> { }
        }
        return allowed;
    }

    /** What is sent, as tag → value, in tag order (§7.2 steps 1-5, without SpecificCharacterSet). */
    public TreeMap<Integer, String> identifierKeys(ResourceType level, Map<Integer, String> query, boolean normalize,
            Manufacturer manufacturer) {
        TreeMap<Integer, String> keys = new TreeMap<>(Tag::compare);
        if (normalize) {
            Set<Integer> allowed = allowedTags(level);
            query.forEach((tag, value) -> {
                if (allowed.contains(tag)) {
                    keys.put(tag, value);
                } else {
                    LOG.info("Tag {} ({}) is not allowed at the {} level of a C-FIND, removed from the query",
                            Tag.toString(tag), QueryKeys.keyword(tag), level.label());
                }
            });
            keys.replaceAll((tag, value) -> fixWildcard(manufacturer, tag, value));
        } else {
            keys.putAll(query);
        }
        keys.remove(SPECIFIC_CHARACTER_SET);
        keys.put(QUERY_RETRIEVE_LEVEL, QueryLevels.dicom(level));
        String automatic = manufacturer == Manufacturer.GE ? "*" : "";
        for (int tag : KEY_TAGS.get(level)) {
            keys.putIfAbsent(tag, automatic);
        }
        return keys;
    }

    /** §1.3: some SCPs do not understand a lone "*" (in dates, or anywhere). */
    static String fixWildcard(Manufacturer m, int tag, String value) {
        if (!value.equals("*")) {
            return value;
        }
        return switch (m) {
            case GenericNoUniversalWildcard -> "";
            case GenericNoWildcardInDates -> QueryKeys.vrOf(tag) == VR.DA ? "" : value;
            default -> value;
        };
    }

    /** The identifier data set: SpecificCharacterSet of DefaultEncoding first, so values are encoded in it. */
    public DataSet identifier(Map<Integer, String> keys) {
        DataSet ds = new DataSet();
        String charset = encoding.get().definedTerm();
        if (charset != null && !charset.equals("ISO_IR 6")) {
            ds.putString(SPECIFIC_CHARACTER_SET, VR.CS, charset);
        }
        keys.forEach((tag, value) -> QueryKeys.put(ds, tag, value));
        return ds;
    }

    private TreeMap<Integer, String> filtered(TreeMap<Integer, String> keys, String modalityAet) {
        OutgoingFindFilter f = filter;
        if (f == OutgoingFindFilter.NONE) {
            return keys;
        }
        Map<String, String> query = new java.util.LinkedHashMap<>();
        keys.forEach((tag, value) -> query.put(String.format("%04x,%04x", Tag.group(tag), Tag.element(tag)),
                value == null ? "" : value));
        Map<String, String> rewritten = f.filter(query, modalityAet);
        if (rewritten == query) {
            return keys; // no filter defined in the scripts
        }
        TreeMap<Integer, String> out = new TreeMap<>(Tag::compare);
        rewritten.forEach((key, value) -> out.put(io.isengard.server.config.TagNames.parse(key), value));
        return out;
    }

    /** The SOP class Orthanc uses for a level (§7.2 step 7). */
    static String sopClass(ResourceType level) {
        return level == ResourceType.PATIENT ? PresentationContexts.PATIENT_ROOT_FIND
                : PresentationContexts.STUDY_ROOT_FIND;
    }

    /** Runs the C-FIND; the answers as received, group-length elements dropped, with a QueryRetrieveLevel. */
    public List<DataSet> find(ModalityConnector.Target target, ResourceType level, Map<Integer, String> query,
            boolean normalize) {
        TreeMap<Integer, String> keys = identifierKeys(level, query, normalize, target.modality().manufacturer());
        return run(target, sopClass(level), identifier(filtered(keys, target.modality().aet())), level);
    }

    /** A C-FIND of an identifier built by the caller (worklists, checks); {@code level} null = leave answers as they are. */
    public List<DataSet> run(ModalityConnector.Target target, String sopClass, DataSet identifier,
            ResourceType level) {
        List<DataSet> answers = new ArrayList<>();
        try (Scu scu = connector.open(target, ModalityConnector.controlContexts())) {
            DimseResponse rsp;
            try {
                rsp = scu.find(sopClass, identifier, match -> {
                    answers.add(cleaned(match, level));
                    return true;
                });
            } catch (Scu.NoPresentationContextException e) {
                throw new OrthancException(ErrorCode.DicomFindUnavailable, "The C-FIND command is not supported "
                        + "by the remote SCP (AET \"" + target.calledAet() + "\")", e);
            } catch (IOException e) {
                scu.abort();
                throw ModalityConnector.failure("C-FIND to", target.calledAet(), e);
            }
            if (rsp.status() != 0x0000) {
                throw failure("C-FIND", target.calledAet(), rsp.status(), " (unable to process - invalid query ?)");
            }
        } catch (IOException e) {
            LOG.debug("release of the C-FIND association to {}: {}", target.calledAet(), e.toString());
        }
        return answers;
    }

    static DataSet cleaned(DataSet match, ResourceType level) {
        DataSet out = new DataSet();
        for (int i = 0; i < match.size(); i++) {
            int tag = match.tagAt(i);
            if (Tag.group(tag) >= 0x0008 && !Tag.isGroupLength(tag)) {
                out.put(tag, match.vrAt(i), match.valueAt(i));
            }
        }
        if (level != null && !out.contains(QUERY_RETRIEVE_LEVEL)) {
            out.putString(QUERY_RETRIEVE_LEVEL, VR.CS, QueryLevels.dicom(level));
        }
        return out;
    }

    /** A final status other than success: error 9; for 0xC000 HTTP 422 with a hint. */
    static OrthancException failure(String command, String aet, int status, String hintFor0xC000) {
        String details = command + " SCU to AET \"" + aet + "\" has failed with DIMSE status "
                + DicomStoreFailure.hex(status);
        if (status == 0xC000) {
            return new OrthancException(ErrorCode.NetworkProtocol, details + hintFor0xC000, 422, null);
        }
        return new OrthancException(ErrorCode.NetworkProtocol, details);
    }
}
