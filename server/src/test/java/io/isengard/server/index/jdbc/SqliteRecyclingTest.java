package io.isengard.server.index.jdbc;

/** Recycling and rejection with the SQLite index. */
class SqliteRecyclingTest extends RecyclingTest {
    @Override
    protected String indexConfiguration() {
        return "";
    }
}
