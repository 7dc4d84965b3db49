package io.isengard.server.index;

import io.isengard.server.model.ChangeType;
import java.util.Set;

/**
 * A page of the change log: entries with {@code since < seq <= to}, of the
 * given types (all if empty), at most {@code limit}; {@code fromEnd} takes the
 * last {@code limit} entries instead of the first (still in increasing order).
 */
public record ChangeQuery(long since, long to, Set<ChangeType> types, int limit, boolean fromEnd) {
}
