-- The recycling order of patients (MaximumStorageSize, MaximumPatientCount in
-- Recycle mode): the lowest seq is recycled first. A patient moves to the end
-- when it receives an instance or loses its protection; protection itself is
-- resources.is_protected. Rows are kept only while a limit is configured (a
-- node started with a limit adds the patients that lack one, see
-- docs/recycling.md). Several nodes take their seqs from one sequence.
CREATE SEQUENCE patient_recycling_seq;
CREATE TABLE patient_recycling_order (
    internal_id BIGINT PRIMARY KEY REFERENCES resources (internal_id) ON DELETE CASCADE,
    seq         BIGINT NOT NULL
);
CREATE INDEX patient_recycling_order_seq ON patient_recycling_order (seq);
