package run.vendo.testing;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counters and the request log since start or the last reset. A reset replaces the whole recorder,
 * so requests still in flight update the old one and never leak into the new counts.
 */
final class TrafficRecorder {

    /** A request being handled; identity and status are filled in as they become known. */
    static final class Entry {
        final long sequence;
        final Instant receivedAt;
        final String method;
        final String path;
        final String rawPath;
        final String query;
        final Map<String, List<String>> headers;
        final InetSocketAddress client;
        private volatile String identity;
        private volatile int status;
        private volatile String body = "";
        private volatile TrafficRecorder recorder;

        Entry(long sequence, Instant receivedAt, String method, String path, String rawPath, String query,
                Map<String, List<String>> headers, InetSocketAddress client) {
            this.sequence = sequence;
            this.receivedAt = receivedAt;
            this.method = method;
            this.path = path;
            this.rawPath = rawPath;
            this.query = query;
            this.headers = headers;
            this.client = client;
        }

        void identity(String identity) {
            this.identity = identity;
        }

        void status(int status) {
            this.status = status;
        }

        void body(String body) {
            this.body = body;
        }

        /** Counts a token lookup in the recorder this request was recorded in. */
        void countTokenLookup(String identity, String slug) {
            recorder.countTokenLookup(identity, slug);
        }

        RecordedRequest snapshot() {
            return new RecordedRequest(sequence, receivedAt, method, path, rawPath, query, headers, client, identity,
                    status, body);
        }
    }

    private record TokenKey(String identity, String slug) {}

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger jwksCalls = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> pathCalls = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TokenKey, AtomicInteger> tokenCalls = new ConcurrentHashMap<>();
    private final Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();
    private final List<Entry> entries = new ArrayList<>();

    /** Counts and logs a request; returns its entry. */
    Entry record(Entry entry, boolean jwks) {
        entry.recorder = this;
        if (jwks) {
            jwksCalls.incrementAndGet();
        } else {
            calls.incrementAndGet();
        }
        pathCalls.computeIfAbsent(entry.path, p -> new AtomicInteger()).incrementAndGet();
        if (entry.client != null) {
            clients.add(entry.client);
        }
        synchronized (entries) {
            entries.add(entry);
        }
        return entry;
    }

    void countTokenLookup(String identity, String slug) {
        tokenCalls.computeIfAbsent(new TokenKey(identity, slug), k -> new AtomicInteger()).incrementAndGet();
    }

    int calls() {
        return calls.get();
    }

    int jwksCalls() {
        return jwksCalls.get();
    }

    int clientConnections() {
        return clients.size();
    }

    int calls(String path) {
        AtomicInteger n = pathCalls.get(path);
        return n == null ? 0 : n.get();
    }

    int tokenCalls(String identity, String slug) {
        AtomicInteger n = tokenCalls.get(new TokenKey(identity, slug));
        return n == null ? 0 : n.get();
    }

    List<RecordedRequest> requests() {
        List<Entry> copy;
        synchronized (entries) {
            copy = new ArrayList<>(entries);
        }
        copy.sort(java.util.Comparator.comparingLong(e -> e.sequence));
        List<RecordedRequest> out = new ArrayList<>(copy.size());
        for (Entry e : copy) {
            out.add(e.snapshot());
        }
        return List.copyOf(out);
    }
}
