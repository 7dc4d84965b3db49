-- /tools/find matches case-insensitively by default: each main tag keeps its
-- value upper-cased code point by code point (Java, at ingest), so that a
-- query compares on an index instead of upper-casing every row.
-- Rows written before this migration are upper-cased here by SQLite's
-- upper(), which folds ASCII only (see docs/find.md).
ALTER TABLE main_dicom_tags ADD COLUMN value_upper TEXT;
UPDATE main_dicom_tags SET value_upper = upper(value);
-- Covers the matching of one tag: exact, prefix (range), list and ranges seek
-- into it; "contains" scans only that tag's part of it.
CREATE INDEX main_dicom_tags_upper ON main_dicom_tags (tag, value_upper);
-- Labels constraints of /tools/find look resources up by label.
CREATE INDEX labels_by_label ON labels (label);
