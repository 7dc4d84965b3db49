-- The children of a resource with their Orthanc IDs, in the index itself: the
-- JSON of a resource lists its children's IDs, and an expanded answer (a find,
-- a listing) reads those of dozens of resources at once, which then costs no
-- lookup of each child's row. It serves every lookup by parent_id, as
-- resources_parent did.
CREATE INDEX resources_children ON resources (parent_id, public_id);
DROP INDEX resources_parent;
