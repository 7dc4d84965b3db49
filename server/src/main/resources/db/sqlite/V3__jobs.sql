-- The jobs registry (SaveJobs, docs/jobs.md): one row per job of one server,
-- its state and type-specific content serialised as JSON. Orthanc keeps the
-- whole registry in one global property; one row per job lets a step of one
-- job be saved without rewriting the others.
CREATE TABLE jobs (
    server_identifier TEXT NOT NULL,
    id                TEXT NOT NULL,
    serialized        TEXT NOT NULL,
    PRIMARY KEY (server_identifier, id)
);
