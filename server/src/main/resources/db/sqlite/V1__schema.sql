-- Isengard's index on SQLite. Same tables as the PostgreSQL schema; one
-- resources table holds all four levels (ids are unique across levels).
CREATE TABLE resources (
    internal_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    resource_type INTEGER NOT NULL,
    public_id     TEXT    NOT NULL UNIQUE,
    parent_id     INTEGER REFERENCES resources (internal_id) ON DELETE CASCADE,
    is_protected  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX resources_parent ON resources (parent_id);
CREATE INDEX resources_level ON resources (resource_type, public_id);

CREATE TABLE main_dicom_tags (
    internal_id INTEGER NOT NULL REFERENCES resources (internal_id) ON DELETE CASCADE,
    tag         INTEGER NOT NULL,
    value       TEXT    NOT NULL,
    PRIMARY KEY (internal_id, tag)
) WITHOUT ROWID;

CREATE TABLE dicom_identifiers (
    internal_id INTEGER NOT NULL REFERENCES resources (internal_id) ON DELETE CASCADE,
    tag         INTEGER NOT NULL,
    value       TEXT    NOT NULL,
    PRIMARY KEY (internal_id, tag)
) WITHOUT ROWID;
CREATE INDEX dicom_identifiers_value ON dicom_identifiers (tag, value);

CREATE TABLE metadata (
    internal_id INTEGER NOT NULL REFERENCES resources (internal_id) ON DELETE CASCADE,
    type        INTEGER NOT NULL,
    value       TEXT    NOT NULL,
    revision    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (internal_id, type)
) WITHOUT ROWID;

CREATE TABLE attached_files (
    internal_id       INTEGER NOT NULL REFERENCES resources (internal_id) ON DELETE CASCADE,
    file_type         INTEGER NOT NULL,
    uuid              TEXT    NOT NULL UNIQUE,
    compressed_size   INTEGER NOT NULL,
    uncompressed_size INTEGER NOT NULL,
    compression_type  INTEGER NOT NULL,
    uncompressed_md5  TEXT,
    compressed_md5    TEXT,
    revision          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (internal_id, file_type)
);

-- Files whose attachment row is gone: removed from the storage area after
-- the deleting transaction commits (and at startup, after a crash).
CREATE TABLE deleted_files (
    uuid TEXT PRIMARY KEY
);
CREATE TRIGGER attached_file_deleted AFTER DELETE ON attached_files
BEGIN
    INSERT OR IGNORE INTO deleted_files (uuid) VALUES (old.uuid);
END;

CREATE TABLE changes (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    change_type   INTEGER NOT NULL,
    internal_id   INTEGER NOT NULL REFERENCES resources (internal_id) ON DELETE CASCADE,
    resource_type INTEGER NOT NULL,
    public_id     TEXT    NOT NULL,
    date          TEXT    NOT NULL
);
CREATE INDEX changes_resource ON changes (internal_id);

CREATE TABLE exported_resources (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    resource_type       INTEGER NOT NULL,
    public_id           TEXT    NOT NULL,
    remote_modality     TEXT    NOT NULL,
    patient_id          TEXT,
    study_instance_uid  TEXT,
    series_instance_uid TEXT,
    sop_instance_uid    TEXT,
    date                TEXT    NOT NULL
);

CREATE TABLE labels (
    internal_id INTEGER NOT NULL REFERENCES resources (internal_id) ON DELETE CASCADE,
    label       TEXT    NOT NULL,
    PRIMARY KEY (internal_id, label)
) WITHOUT ROWID;

CREATE TABLE global_properties (
    property INTEGER PRIMARY KEY,
    value    TEXT NOT NULL
);
