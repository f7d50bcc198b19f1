package run.vendo.jakarta.internal.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The ids of webhook deliveries handled lately, so that Vendo's retry of a delivery that was
 * handled (its answer lost on the way) is acknowledged without being fired twice.
 */
final class DeliveryLog {

    /** Longer than Vendo keeps retrying a delivery. */
    static final Duration WINDOW = Duration.ofHours(24);
    /** Signed deliveries only reach the log, so this bounds memory, not an attacker. */
    static final long MOST_IDS = 10_000;

    private final Cache<String, Boolean> handled = Caffeine.newBuilder()
            .expireAfterWrite(WINDOW)
            .maximumSize(MOST_IDS)
            .build();

    /**
     * Claims a delivery for handling.
     *
     * @param id the event id
     * @return {@code false} when it was handled (or is being handled) already
     */
    boolean claim(String id) {
        return handled.asMap().putIfAbsent(id, Boolean.TRUE) == null;
    }

    /**
     * Forgets a claim whose handling failed, so that Vendo's retry is handled.
     *
     * @param id the event id
     */
    void release(String id) {
        handled.invalidate(id);
    }
}
