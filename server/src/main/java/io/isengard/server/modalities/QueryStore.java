package io.isengard.server.modalities;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queries kept for /queries: at most "QueryRetrieveSize"; a new one
 * evicts the least recently accessed (modalities.md §7.1).
 */
public final class QueryStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, QueryAnswers> queries;

    public QueryStore(int maxSize) {
        int max = Math.max(1, maxSize);
        this.queries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, QueryAnswers> eldest) {
                return size() > max;
            }
        };
    }

    public void add(QueryAnswers q) {
        lock.lock();
        try {
            queries.put(q.id(), q);
        } finally {
            lock.unlock();
        }
    }

    /** The query (marking it as accessed); unknown → 404 error 17. */
    public QueryAnswers require(String id) {
        lock.lock();
        try {
            QueryAnswers q = queries.get(id);
            if (q == null) {
                throw new OrthancException(ErrorCode.UnknownResource, "Unknown query: " + id);
            }
            return q;
        } finally {
            lock.unlock();
        }
    }

    public void remove(String id) {
        lock.lock();
        try {
            queries.remove(id);
        } finally {
            lock.unlock();
        }
    }

    /** The IDs, sorted. */
    public List<String> ids() {
        lock.lock();
        try {
            List<String> ids = new ArrayList<>(queries.keySet());
            ids.sort(null);
            return ids;
        } finally {
            lock.unlock();
        }
    }
}
