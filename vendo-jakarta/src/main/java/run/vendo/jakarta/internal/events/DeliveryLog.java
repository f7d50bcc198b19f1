package run.vendo.jakarta.internal.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of webhook deliveries handled lately, so that Vendo's retry of a delivery that was
 * handled (its answer lost on the way) is acknowledged without being fired twice, and the ids being
 * handled right now, so that a retry arriving meanwhile is neither fired twice nor acknowledged
 * before the first delivery's outcome is known.
 *
 * <p>Only a delivery whose observers all returned becomes {@link Claim#HANDLED}: a delivery in
 * flight that then fails is forgotten, and Vendo's next retry is handled.
 */
final class DeliveryLog {

    /** Longer than Vendo keeps retrying a delivery. */
    static final Duration WINDOW = Duration.ofHours(24);
    /** Signed deliveries only reach the log, so this bounds memory, not an attacker. */
    static final long MOST_IDS = 10_000;

    /** What {@link #claim(String)} found. */
    enum Claim {
        /** The caller now handles the delivery and must call {@link #handled} or {@link #failed}. */
        CLAIMED,
        /** Another request is handling the same id now; its outcome is not known yet. */
        IN_FLIGHT,
        /** A delivery of this id was handled: its observers all returned. */
        HANDLED
    }

    private final Cache<String, Boolean> handled = Caffeine.newBuilder()
            .expireAfterWrite(WINDOW)
            .maximumSize(MOST_IDS)
            .build();

    /** At most one entry per request being served, so bounded by the container's threads. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * Claims a delivery for handling.
     *
     * @param id the event id
     * @return {@link Claim#CLAIMED} when the caller is to handle it
     */
    Claim claim(String id) {
        if (handled.getIfPresent(id) != null) {
            return Claim.HANDLED;
        }
        if (!inFlight.add(id)) {
            return Claim.IN_FLIGHT;
        }
        // A delivery of this id may have finished between the two lines above: it was written down
        // as handled before it left the in-flight set, so looking again cannot miss it.
        if (handled.getIfPresent(id) != null) {
            inFlight.remove(id);
            return Claim.HANDLED;
        }
        return Claim.CLAIMED;
    }

    /**
     * Writes down a claimed delivery whose observers all returned.
     *
     * @param id the event id
     */
    void handled(String id) {
        handled.put(id, Boolean.TRUE);
        inFlight.remove(id);
    }

    /**
     * Forgets a claimed delivery whose handling failed, so that Vendo's retry is handled.
     *
     * @param id the event id
     */
    void failed(String id) {
        inFlight.remove(id);
    }
}
