package run.vendo.internal.telemetry;

/** The values of {@code vendo.outcome}: how an operation went. */
public final class Outcome {

    /** A token served from the cache. */
    public static final String HIT = "hit";
    /** A token fetched from Vendo, or waited for while another caller fetched it. */
    public static final String MISS = "miss";
    /** A token served from the cache, which started its refresh in the background. */
    public static final String REFRESHED_AHEAD = "refreshed_ahead";
    /** A token served from the cache after its refresh ahead failed. */
    public static final String STALE = "stale";
    /** A token taken from a {@code VENDO_TOKEN_<SLUG>} override: Vendo is not asked. */
    public static final String OVERRIDE = "override";
    /** A token taken from the bring-your-own-key variables of OSS mode. */
    public static final String LOCAL = "local";
    /** A background refresh that stored a new token. */
    public static final String REFRESHED = "refreshed";
    /** A webhook delivery whose signature and timestamp checked out. */
    public static final String VERIFIED = "verified";
    /** An event stream connection that was answered. */
    public static final String CONNECTED = "connected";
    /** Any other operation that succeeded. */
    public static final String OK = "ok";
    /** An operation that failed; {@code error.type} says how. */
    public static final String ERROR = "error";

    private Outcome() {}
}
