-- /tools/find matches case-insensitively by default: each main tag keeps its
-- value upper-cased code point by code point (Java, at ingest), so that a
-- query compares on an index instead of upper-casing every row.
-- Rows written before this migration are upper-cased here by upper() under
-- the "C" collation, which folds ASCII only (see docs/find.md).
ALTER TABLE main_dicom_tags ADD COLUMN value_upper TEXT COLLATE "C";
UPDATE main_dicom_tags SET value_upper = upper(value);
-- Covers the matching of one tag: exact, prefix (range), list and ranges seek
-- into it; "contains" scans only that tag's part of it. internal_id is
-- included so that the candidates come from the index alone.
CREATE INDEX main_dicom_tags_upper ON main_dicom_tags (tag, value_upper) INCLUDE (internal_id);
-- Labels constraints of /tools/find look resources up by label.
CREATE INDEX labels_by_label ON labels (label);
-- "Contains" queries (*abc*) on the text tags people search by: a trigram
-- index, where the pg_trgm extension can be had (it is "trusted": a database
-- owner may create it). Partial, so that ingest pays for a few rows per study
-- only: PatientName, PatientID, AccessionNumber, InstitutionName,
-- ReferringPhysicianName, StudyDescription, SeriesDescription. Without the
-- extension these queries scan the tag's part of main_dicom_tags_upper.
DO $$
DECLARE
    ext_schema TEXT;
BEGIN
    -- In "public" where allowed: the extension belongs to the database, and one created in an
    -- Isengard schema would go (with every index using it) if that schema were dropped.
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
    EXCEPTION WHEN OTHERS THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'pg_trgm not available (%): no trigram index for find', SQLERRM;
        END;
    END;
    SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_trgm';
    IF ext_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX main_dicom_tags_trigrams ON main_dicom_tags USING gin (value_upper %I.gin_trgm_ops)'
            ' WHERE tag IN (1048592, 1048608, 524368, 524416, 524432, 528432, 528446)', ext_schema);
    END IF;
END
$$;
