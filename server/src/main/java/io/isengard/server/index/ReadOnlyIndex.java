package io.isengard.server.index;

import io.isengard.server.model.ReadOnlyMode;

/**
 * The index of a server started with "ReadOnly": reads go through, every
 * read-write unit of work is refused before it starts (as Orthanc refuses
 * read-write transactions in that mode).
 */
public final class ReadOnlyIndex implements Index {
    private final Index index;

    public ReadOnlyIndex(Index index) {
        this.index = index;
    }

    @Override
    public <T> T read(Work<T> work) {
        return index.read(work);
    }

    @Override
    public <T> T write(Work<T> work) {
        throw ReadOnlyMode.refusal("the index");
    }

    @Override
    public <T> T writeGrouped(Work<T> work) {
        throw ReadOnlyMode.refusal("the index");
    }

    @Override
    public String backendName() {
        return index.backendName();
    }

    @Override
    public void close() {
        index.close();
    }
}
