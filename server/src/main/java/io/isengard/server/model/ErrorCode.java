package io.isengard.server.model;

/** Orthanc's error codes (OrthancStatus), their descriptions and HTTP statuses (rest-core.md §2). */
public enum ErrorCode {
    InternalError(-1, "Internal error", 500),
    Success(0, "Success", 200),
    Plugin(1, "Error encountered within the plugin engine", 500),
    NotImplemented(2, "Not implemented yet", 500),
    ParameterOutOfRange(3, "Parameter out of range", 400),
    NotEnoughMemory(4, "The server hosting Orthanc is running out of memory", 500),
    BadParameterType(5, "Bad type for a parameter", 400),
    BadSequenceOfCalls(6, "Bad sequence of calls", 500),
    InexistentItem(7, "Accessing an inexistent item", 404),
    BadRequest(8, "Bad request", 400),
    NetworkProtocol(9, "Error in the network protocol", 500),
    SystemCommand(10, "Error while calling a system command", 500),
    Database(11, "Error with the database engine", 500),
    UriSyntax(12, "Badly formatted URI", 400),
    InexistentFile(13, "Inexistent file", 404),
    CannotWriteFile(14, "Cannot write to file", 500),
    BadFileFormat(15, "Bad file format", 400),
    Timeout(16, "Timeout", 500),
    UnknownResource(17, "Unknown resource", 404),
    IncompatibleDatabaseVersion(18, "Incompatible version of the database", 500),
    FullStorage(19, "The file storage is full", 500),
    CorruptedFile(20, "Corrupted file (e.g. inconsistent MD5 hash)", 500),
    InexistentTag(21, "Inexistent tag", 404),
    ReadOnly(22, "Cannot modify a read-only data structure", 500),
    IncompatibleImageFormat(23, "Incompatible format of the images", 500),
    IncompatibleImageSize(24, "Incompatible size of the images", 500),
    SharedLibrary(25, "Error while using a shared library (plugin)", 500),
    UnknownPluginService(26, "Plugin invoking an unknown service", 500),
    UnknownDicomTag(27, "Unknown DICOM tag", 500),
    BadJson(28, "Cannot parse a JSON document", 400),
    Unauthorized(29, "Bad credentials were provided to an HTTP request", 401),
    BadFont(30, "Badly formatted font file", 500),
    DatabasePlugin(31, "The plugin implementing a custom database back-end does not fulfill the proper interface", 500),
    StorageAreaPlugin(32, "Error in the plugin implementing a custom storage area", 500),
    EmptyRequest(33, "The request is empty", 500),
    NotAcceptable(34, "Cannot send a response which is acceptable according to the Accept HTTP header", 406),
    NullPointer(35, "Cannot handle a NULL pointer", 500),
    DatabaseUnavailable(36, "The database is currently not available (probably a transient situation)", 503),
    CanceledJob(37, "This job was canceled", 500),
    BadGeometry(38, "Geometry error encountered in Stone", 500),
    SslInitialization(39, "Cannot initialize SSL encryption, check out your certificates", 500),
    DiscontinuedAbi(40, "Calling a function that has been removed from the Orthanc Framework", 500),
    BadRange(41, "Incorrect range request", 416),
    DatabaseCannotSerialize(42, "Database could not serialize access due to concurrent update, the transaction should be retried", 503),
    Revision(43, "A bad revision number was provided, which might indicate conflict between multiple writers", 409),
    MainDicomTagsMultiplyDefined(44, "A main DICOM Tag has been defined multiple times for the same resource level", 500),
    ForbiddenAccess(45, "Access to a resource is forbidden", 403),
    DuplicateResource(46, "Duplicate resource", 409),
    DirectoryOverFile(2000, "The directory to be created is already occupied by a regular file", 500),
    FileStorageCannotWrite(2001, "Unable to create a subdirectory or a file in the file storage", 500),
    DirectoryExpected(2002, "The specified path does not point to a directory", 500),
    HttpPortInUse(2003, "The TCP port of the HTTP server is privileged or already in use", 500),
    DicomPortInUse(2004, "The TCP port of the DICOM server is privileged or already in use", 500),
    BadHttpStatusInRest(2005, "This HTTP status is not allowed in a REST API", 500),
    RegularFileExpected(2006, "The specified path does not point to a regular file", 500),
    PathToExecutable(2007, "Unable to get the path to the executable", 500),
    MakeDirectory(2008, "Cannot create a directory", 500),
    BadApplicationEntityTitle(2009, "An application entity title (AET) cannot be empty or be longer than 16 characters", 500),
    CannotStoreInstance(2018, "Cannot store an instance", 500),
    UnknownModality(2027, "Unknown modality", 500),
    UnsupportedMediaType(3000, "Unsupported media type", 415);

    private final int code;
    private final String description;
    private final int httpStatus;

    ErrorCode(int code, String description, int httpStatus) {
        this.code = code;
        this.description = description;
        this.httpStatus = httpStatus;
    }

    /** The OrthancStatus number. */
    public int code() {
        return code;
    }

    /** The text of OrthancError and Message. */
    public String description() {
        return description;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
