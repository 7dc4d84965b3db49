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
    SQLiteNotOpened(1000, "SQLite: The database is not opened", 500),
    SQLiteAlreadyOpened(1001, "SQLite: Connection is already open", 500),
    SQLiteCannotOpen(1002, "SQLite: Unable to open the database", 500),
    SQLiteStatementAlreadyUsed(1003, "SQLite: This cached statement is already being referred to", 500),
    SQLiteExecute(1004, "SQLite: Cannot execute a command", 500),
    SQLiteRollbackWithoutTransaction(1005, "SQLite: Rolling back a nonexistent transaction (have you called Begin()?)", 500),
    SQLiteCommitWithoutTransaction(1006, "SQLite: Committing a nonexistent transaction", 500),
    SQLiteRegisterFunction(1007, "SQLite: Unable to register a function", 500),
    SQLiteFlush(1008, "SQLite: Unable to flush the database", 500),
    SQLiteCannotRun(1009, "SQLite: Cannot run a cached statement", 500),
    SQLiteCannotStep(1010, "SQLite: Cannot step over a cached statement", 500),
    SQLiteBindOutOfRange(1011, "SQLite: Bing a value while out of range (serious error)", 500),
    SQLitePrepareStatement(1012, "SQLite: Cannot prepare a cached statement", 500),
    SQLiteTransactionAlreadyStarted(1013, "SQLite: Beginning the same transaction twice", 500),
    SQLiteTransactionCommit(1014, "SQLite: Failure when committing the transaction", 500),
    SQLiteTransactionBegin(1015, "SQLite: Cannot start a transaction", 500),
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
    NoCFindHandler(2010, "No request handler factory for DICOM C-FIND SCP", 500),
    NoCMoveHandler(2011, "No request handler factory for DICOM C-MOVE SCP", 500),
    NoCStoreHandler(2012, "No request handler factory for DICOM C-STORE SCP", 500),
    NoApplicationEntityFilter(2013, "No application entity filter", 500),
    NoSopClassOrInstance(2014, "DicomUserConnection: Unable to find the SOP class and instance", 500),
    NoPresentationContext(2015, "DicomUserConnection: No acceptable presentation context for modality", 500),
    DicomFindUnavailable(2016, "DicomUserConnection: The C-FIND command is not supported by the remote SCP", 500),
    DicomMoveUnavailable(2017, "DicomUserConnection: The C-MOVE command is not supported by the remote SCP", 500),
    CannotStoreInstance(2018, "Cannot store an instance", 500),
    CreateDicomNotString(2019, "Only string values are supported when creating DICOM instances", 400),
    CreateDicomOverrideTag(2020, "Trying to override a value inherited from a parent module", 400),
    CreateDicomUseContent(2021, "Use \"Content\" to inject an image into a new DICOM instance", 400),
    CreateDicomNoPayload(2022, "No payload is present for one instance in the series", 400),
    CreateDicomUseDataUriScheme(2023, "The payload of the DICOM instance must be specified according to Data URI scheme", 400),
    CreateDicomBadParent(2024, "Trying to attach a new DICOM instance to an inexistent resource", 400),
    CreateDicomParentIsInstance(2025, "Trying to attach a new DICOM instance to an instance (must be a series, study or patient)", 400),
    CreateDicomParentEncoding(2026, "Unable to get the encoding of the parent resource", 500),
    UnknownModality(2027, "Unknown modality", 500),
    BadJobOrdering(2028, "Bad ordering of filters in a job", 500),
    JsonToLuaTable(2029, "Cannot convert the given JSON object to a Lua table", 500),
    CannotCreateLua(2030, "Cannot create the Lua context", 500),
    CannotExecuteLua(2031, "Cannot execute a Lua command", 500),
    LuaAlreadyExecuted(2032, "Arguments cannot be pushed after the Lua function is executed", 500),
    LuaBadOutput(2033, "The Lua function does not give the expected number of outputs", 500),
    NotLuaPredicate(2034, "The Lua function is not a predicate (only true/false outputs allowed)", 500),
    LuaReturnsNoString(2035, "The Lua function does not return a string", 500),
    StorageAreaAlreadyRegistered(2036, "Another plugin has already registered a custom storage area", 500),
    DatabaseBackendAlreadyRegistered(2037, "Another plugin has already registered a custom database back-end", 500),
    DatabaseNotInitialized(2038, "Plugin trying to call the database during its initialization", 500),
    SslDisabled(2039, "Orthanc has been built without SSL support", 500),
    CannotOrderSlices(2040, "Unable to order the slices of the series", 500),
    NoWorklistHandler(2041, "No request handler factory for DICOM C-Find Modality SCP", 500),
    AlreadyExistingTag(2042, "Cannot override the value of a tag that already exists", 500),
    NoStorageCommitmentHandler(2043, "No request handler factory for DICOM N-ACTION SCP (storage commitment)", 500),
    NoCGetHandler(2044, "No request handler factory for DICOM C-GET SCP", 500),
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
