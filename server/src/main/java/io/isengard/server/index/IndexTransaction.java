package io.isengard.server.index;

import io.isengard.server.model.ChangeType;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.ResourceType;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The primitives of the index, inside one transaction. Bulk variants take
 * collections so that callers never issue one query per row.
 */
public interface IndexTransaction {

    // ------------------------------------------------------------ resources

    /** The resource with this Orthanc ID, or null. */
    ResourceRef lookup(String publicId);

    /** The resource of this row, or null. */
    ResourceRef lookup(long internalId);

    /** Creates a resource row; the caller checked that the ID is new. */
    ResourceRef createResource(ResourceType type, String publicId, long parentId);

    /** Direct children of a resource, ordered by Orthanc ID. */
    List<ResourceRef> children(long internalId);

    /** The resources of {@code level} below (or equal to) a resource, ordered by Orthanc ID. */
    List<ResourceRef> descendants(long internalId, ResourceType level);

    /** Resources of a level, ordered by Orthanc ID, from offset {@code since}, at most {@code limit} (0 = all). */
    List<ResourceRef> list(ResourceType type, long since, long limit);

    /** Details of resources (of any levels) for their JSON, in the order of {@code refs}. */
    List<ResourceDetails> details(List<ResourceRef> refs);

    /** As {@link #details(List)}, with only the metadata of these types (those the JSON shows, say). */
    List<ResourceDetails> details(List<ResourceRef> refs, Collection<Integer> metadataTypes);

    /**
     * Deletes a resource, its descendants, their rows of every table and
     * change entries, then its ancestors left without children.
     *
     * @return the nearest ancestor that remains, or null
     */
    ResourceRef delete(long internalId);

    // ------------------------------------------------------------ tags, metadata, attachments

    void setMainDicomTags(long internalId, Map<Integer, String> tags);

    Map<Integer, String> mainDicomTags(long internalId);

    void setIdentifierTags(long internalId, Map<Integer, String> normalizedValues);

    void setMetadata(long internalId, Map<Integer, String> values);

    /** Sets one metadata on several resources (e.g. LastUpdate on the ancestors). */
    void setMetadata(Collection<Long> internalIds, int type, String value);

    /** Metadata of a resource, ordered by type. */
    Map<Integer, String> metadata(long internalId);

    /** The metadata {@code type} of each child of a resource (null where a child has none). */
    List<String> childrenMetadata(long internalId, int type);

    /** A metadata of every resource of {@code level} below a resource (absent ones left out). */
    List<String> descendantMetadata(long internalId, ResourceType level, int type);

    /** A main tag of every resource of {@code level} below a resource (absent ones left out). */
    List<String> descendantMainTag(long internalId, ResourceType level, int tag);

    /** Revision of a metadata, or -1 if absent. */
    long metadataRevision(long internalId, int type);

    boolean deleteMetadata(long internalId, int type);

    void addAttachment(long internalId, FileInfo file);

    /** Attachments of a resource, ordered by type. */
    List<FileInfo> attachments(long internalId);

    /** One attachment, or null. */
    FileInfo attachment(long internalId, int contentType);

    boolean deleteAttachment(long internalId, int contentType);

    /** UUIDs of files whose attachment rows were deleted and whose files still need removing. */
    List<String> deletedFiles(int limit);

    /** Forgets files once they are removed from the storage area. */
    void forgetDeletedFiles(Collection<String> uuids);

    /** True if an attachment with this UUID is in the index (crash recovery). */
    boolean attachmentExists(String uuid);

    // ------------------------------------------------------------ metadata and attachment writes

    /**
     * Locks a resource until the end of the transaction, so that writers of
     * its metadata and attachments take turns and each sees the revisions
     * the previous one wrote (a creation included); false if it no longer exists.
     */
    boolean lockForWrites(long internalId);

    /** One metadata with its revision, or null if the resource has none of that type. */
    StoredMetadata storedMetadata(long internalId, int type);

    /** Creates a metadata at revision 0 or overwrites it with the next revision; returns that revision. */
    long putMetadata(long internalId, int type, String value);

    /**
     * Records an attachment in place of the one of the same type, if any (at
     * the revision {@code file} carries); the replaced file is queued for
     * removal from the storage area, as a deleted one is.
     */
    void replaceAttachment(long internalId, FileInfo file);

    // ------------------------------------------------------------ change log, exports

    void logChange(ChangeType type, ResourceRef resource, String date);

    List<Change> changes(ChangeQuery query);

    /** True if some change matching the types exists with a Seq above {@code seq}. */
    boolean hasChangesAfter(long seq, java.util.Set<ChangeType> types);

    /** The highest Seq ever allocated (survives clearing), 0 if none. */
    long lastChangeSeq();

    void clearChanges();

    void clearExports();

    /** Appends an entry to the exported-resources log (its seq is allocated). */
    void logExport(ExportedResource export);

    /**
     * Entries of the exported-resources log with seq above {@code since}, at
     * most {@code limit}, in increasing order; {@code last}: the last
     * {@code limit} entries instead.
     */
    List<ExportedResource> exports(long since, int limit, boolean last);

    // ------------------------------------------------------------ labels, recycling, bulk

    /** Labels of a resource, sorted. */
    List<String> labels(long internalId);

    /** Adds a label to a resource (nothing happens if it has it). */
    void addLabel(long internalId, String label);

    /** Removes a label from a resource (nothing happens if it lacks it). */
    void removeLabel(long internalId, String label);

    /** Every label of any resource, sorted, each once. */
    List<String> allLabels();

    boolean isProtected(long patientId);

    void setProtected(long patientId, boolean isProtected);

    /** Moves a patient to the end of the recycling order (it received an instance, or lost its protection). */
    void touchPatientForRecycling(long patientId);

    /** Adds the patients missing from the recycling order at its start; returns how many. */
    int addMissingPatientsToRecyclingOrder();

    /** The unprotected patient that comes first in the recycling order, other than {@code avoid}; 0 if none. */
    long patientToRecycle(long avoid);

    long countPatients();

    /** The size on disk of every attachment (the measure of MaximumStorageSize). */
    long totalCompressedSize();

    /** The resources of these Orthanc IDs (unknown ones left out), in no particular order. */
    List<ResourceRef> lookupAll(Collection<String> publicIds);

    /** Removes the main DICOM tags and the identifier tags of resources (before they are reconstructed). */
    void clearMainDicomTags(Collection<Long> internalIds);

    /** Deletes the attachments of one type of every resource; returns how many. */
    int deleteAttachments(int contentType);

    // ------------------------------------------------------------ statistics, properties

    GlobalStatistics statistics();

    ResourceStatistics statistics(ResourceRef resource);

    String globalProperty(int property);

    void setGlobalProperty(int property, String value);

    // ---- jobs (SaveJobs, docs/jobs.md)

    /** The jobs saved by one server (its DatabaseServerIdentifier): job ID → serialised job. */
    Map<String, String> savedJobs(String serverIdentifier);

    /** Saves jobs of one server, replacing their previous rows. */
    void saveJobs(String serverIdentifier, Map<String, String> jobs);

    /** Forgets saved jobs of one server (unknown IDs are ignored). */
    void deleteSavedJobs(String serverIdentifier, Collection<String> ids);

    // ---- find

    /** Resources matching a /tools/find query, in its order, paged in the database (docs/find.md). */
    List<ResourceRef> find(FindQuery query);

    /** The number of resources matching a query (its Since and Limit ignored). */
    long count(FindQuery query);

    /** Patients, studies, series, instances whose PatientID, StudyInstanceUID, ... normalised is this. */
    List<ResourceRef> lookupIdentifier(String normalizedValue);
}
