package run.vendo.internal.telemetry;

import java.net.URI;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * What one root client records of its work. An operation's span is current on its thread while it
 * runs, so the HTTP attempts it makes become its children; background work starts a trace of its own,
 * linked to the operation that caused it.
 */
public interface Telemetry {

    /** Records nothing; the telemetry of a client built without an {@code OpenTelemetry}. */
    Telemetry OFF = NoTelemetry.INSTANCE;

    /**
     * Starts an operation on this thread, as a child of the thread's current span. It must end on
     * this thread.
     *
     * @param operation what is done
     * @param slug the slug it is about, or {@code null}
     * @return the operation, to end
     */
    Operation start(VendoOperation operation, String slug);

    /**
     * Starts background work on this thread, in a trace of its own, linked to its cause.
     *
     * @param operation what is done
     * @param slug the slug it is about, or {@code null}
     * @param cause what made it necessary, from {@link #cause()} on the thread that asked for it
     * @return the operation, to end on this thread
     */
    Operation startLinked(VendoOperation operation, String slug, Cause cause);

    /**
     * The span current on this thread, for background work started now to link to.
     *
     * @return the cause; never {@code null}
     */
    Cause cause();

    /**
     * Starts the CLIENT span of one HTTP attempt, as a child of the current span.
     *
     * @param method the request method
     * @param uri the request URI; only its scheme, host, port and path are recorded
     * @param resendCount how many attempts of the same call came before this one
     * @return the attempt, to end
     */
    Attempt attempt(String method, URI uri, int resendCount);

    /**
     * Reports the number of cached tokens from now until {@link #close()}.
     *
     * @param cachedTokens reads the number when a metric reader asks
     */
    void observeCachedTokens(LongSupplier cachedTokens);

    /** Stops reporting the cached tokens; spans and counters need no closing. */
    void close();

    /** The span that background work links to. */
    interface Cause {}

    /** One operation's span, current on its thread until {@link #end()}. */
    interface Operation {

        /**
         * Says how the operation went; the last one said before {@link #end()} counts.
         *
         * @param outcome one of {@link Outcome}'s values
         * @return this operation
         */
        Operation outcome(String outcome);

        /**
         * Records the type of the event a webhook delivery carries.
         *
         * @param type the event type
         * @return this operation
         */
        Operation eventType(String type);

        /**
         * Records that the operation failed: outcome {@link Outcome#ERROR}, and as {@code error.type}
         * the Vendo error code, or the class of any other exception. Never the message.
         *
         * @param failure what was thrown
         */
        void failed(Throwable failure);

        /**
         * Records that the operation failed without an exception to show for it.
         *
         * @param errorType the {@code error.type} to record
         */
        void failed(String errorType);

        /** Ends the span, makes its parent current again, and counts the outcome. */
        void end();
    }

    /** One HTTP attempt's CLIENT span. */
    interface Attempt {

        /**
         * Adds the W3C trace context of this attempt's span to the request, unless propagation is off.
         *
         * @param header sets one request header
         */
        void inject(BiConsumer<String, String> header);

        /**
         * Ends the attempt with an answer.
         *
         * @param status the HTTP status
         * @param errorCode the answer's {@code Vendo-Error-Code}, or {@code null}
         */
        void answered(int status, String errorCode);

        /**
         * Ends the attempt without an answer.
         *
         * @param failure what was thrown
         */
        void failed(Throwable failure);
    }
}
