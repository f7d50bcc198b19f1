package run.vendo.jakarta;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Narrows an observer of Vendo's events to one event type. The integration fires every {@link
 * run.vendo.WebhookEvent} and {@link run.vendo.VendoEvent} with this qualifier carrying the event's
 * type, so an observer without it sees every event and one with it sees only that type:
 *
 * <pre>{@code
 * void anyEvent(@Observes WebhookEvent event) { ... }
 *
 * void connected(@Observes @VendoEventType("connection.connected") WebhookEvent event) { ... }
 *
 * void later(@ObservesAsync @VendoEventType("billing.cap_tripped") VendoEvent event) { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD, TYPE})
public @interface VendoEventType {

    /**
     * The event type, for example {@code connection.connected}.
     *
     * @return the type
     */
    String value();

    /** The annotation as a value, for firing and programmatic lookup. */
    final class Literal extends AnnotationLiteral<VendoEventType> implements VendoEventType {

        private static final long serialVersionUID = 1L;

        /** The event type. */
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * Returns the qualifier for one event type.
         *
         * @param type the event type
         * @return the qualifier
         */
        public static Literal of(String type) {
            return new Literal(Objects.requireNonNull(type, "type"));
        }

        @Override
        public String value() {
            return value;
        }
    }
}
