package run.vendo.internal.telemetry;

/** The operations that get a span, each with its span name and the counter its outcomes go to. */
public enum VendoOperation {
    TOKEN("vendo token", Counted.TOKEN_LOOKUPS),
    TOKENS("vendo tokens", Counted.TOKEN_LOOKUPS),
    TOKEN_REFRESH("vendo token refresh", Counted.TOKEN_REFRESHES),
    CONNECTIONS("vendo connections", Counted.NONE),
    INTEGRATIONS("vendo integrations", Counted.NONE),
    BILLING("vendo billing", Counted.NONE),
    DATA("vendo data", Counted.NONE),
    CONNECT("vendo connect", Counted.NONE),
    EVENTS_SUBSCRIBE("vendo events subscribe", Counted.NONE),
    /** The first connection of an event subscription. */
    EVENTS_CONNECT("vendo events connect", Counted.NONE),
    /** Every later connection of an event subscription. */
    EVENTS_RECONNECT("vendo events reconnect", Counted.EVENT_RECONNECTS),
    WEBHOOK("vendo webhook", Counted.WEBHOOK_DELIVERIES);

    /** The counters an operation's end adds one to. */
    enum Counted {
        NONE, TOKEN_LOOKUPS, TOKEN_REFRESHES, EVENT_RECONNECTS, WEBHOOK_DELIVERIES
    }

    private final String spanName;
    private final Counted counted;

    VendoOperation(String spanName, Counted counted) {
        this.spanName = spanName;
        this.counted = counted;
    }

    /** The span's name. */
    public String spanName() {
        return spanName;
    }

    Counted counted() {
        return counted;
    }
}
