-- The jobs registry (SaveJobs, docs/jobs.md): one row per job, its state and
-- type-specific content serialised as JSON. Nodes sharing the database keep
-- their jobs apart by their DatabaseServerIdentifier. Orthanc keeps the whole
-- registry in one global property; one row per job lets a step of one job be
-- saved without rewriting the others.
CREATE TABLE jobs (
    server_identifier TEXT NOT NULL,
    id                TEXT NOT NULL,
    serialized        TEXT NOT NULL,
    PRIMARY KEY (server_identifier, id)
);
