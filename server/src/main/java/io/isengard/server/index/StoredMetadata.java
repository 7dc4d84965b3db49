package io.isengard.server.index;

/** One metadata value with its revision (0 when created, +1 on each overwrite; resources.md §14). */
public record StoredMetadata(String value, long revision) {
}
