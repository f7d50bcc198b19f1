package run.vendo.internal.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a {@code text/event-stream} as the WHATWG HTML standard's "interpreting an event stream"
 * says: UTF-8, one leading BOM dropped, lines ended by CR, LF or CRLF; fields {@code event},
 * {@code data} (lines joined by LF), {@code id} (ignored when it holds NUL) and {@code retry}
 * (ASCII digits only); a line starting with a colon is a comment; a line without a colon is a
 * field with an empty value; one space after the colon is dropped; a blank line dispatches the
 * event, unless it has no data. An event cut off by the end of the stream is discarded.
 *
 * <p>A stream cannot make it hold more than about {@code maxBytes} per line and per event's data:
 * a longer line is skipped and marks its event as too large, which is then reported instead of
 * dispatched. Its {@code id}, if any, still counts, so that a resumed stream does not send it again.
 *
 * <p>One parser serves one subscription over all its connections (it remembers the last event id);
 * it is not thread-safe.
 */
public final class SseParser {

    /** The type of an event whose stream named none. */
    static final String DEFAULT_TYPE = "message";

    private static final int READ_CHUNK = 8192;
    private static final int INITIAL_LINE = 256;
    /** A line buffer grown past this is let go after its line, so one long line does not pin memory. */
    private static final int KEPT_LINE = 64 * 1024;
    private static final char BOM = '\uFEFF';

    /** What the stream carries, as it is read. */
    interface Handler {

        /** A complete event with data. */
        void event(Event event);

        /** A {@code retry:} field: the reconnection time the server asks for, in milliseconds. */
        void retry(long millis);

        /** An event left out because a line or its data exceeded the bound; {@code id} may be null. */
        void tooLarge(String type, String id);
    }

    /**
     * One dispatched event.
     *
     * @param type the event's type, {@value #DEFAULT_TYPE} when the stream named none
     * @param data the event's data lines joined by LF
     * @param id the value of the event's own {@code id} field, or {@code null} when it had none (or an empty one)
     */
    record Event(String type, String data, String id) {}

    private final int maxBytes;
    private String lastEventId = "";
    private String idBuffer = "";
    private String ownId;
    private String type = "";
    private final StringBuilder data = new StringBuilder();
    private boolean tooLarge;

    /** @param maxBytes the longest line and the most data of one event, at least 1 */
    SseParser(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    /**
     * The last event id the stream set, as of the last dispatched (blank-line-ended) event: what
     * {@code Last-Event-ID} carries on reconnect. Empty when none was set, or an empty {@code id}
     * reset it.
     */
    String lastEventId() {
        return lastEventId;
    }

    /**
     * Reads {@code in} to its end (or until it throws), calling {@code handler} on this thread. The
     * last event id carries over from earlier streams; everything else starts afresh.
     */
    void read(InputStream in, Handler handler) throws IOException {
        startStream();
        byte[] chunk = new byte[READ_CHUNK];
        byte[] line = new byte[INITIAL_LINE];
        int length = 0;
        boolean overflow = false;
        boolean afterCr = false;
        boolean first = true;
        int n;
        while ((n = in.read(chunk)) != -1) {
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (afterCr) {
                    afterCr = false;
                    if (b == '\n') {
                        continue; // the LF of a CRLF
                    }
                }
                if (b == '\r' || b == '\n') {
                    afterCr = b == '\r';
                    line(overflow ? null : decode(line, length, first), handler);
                    first = false;
                    length = 0;
                    overflow = false;
                    if (line.length > KEPT_LINE) {
                        line = new byte[INITIAL_LINE];
                    }
                } else if (!overflow) {
                    if (length == maxBytes) {
                        overflow = true;
                    } else {
                        if (length == line.length) {
                            line = Arrays.copyOf(line, (int) Math.min((long) line.length * 2, maxBytes));
                        }
                        line[length++] = b;
                    }
                }
            }
        }
        startStream(); // the end of the stream discards an unfinished line and event
    }

    private void startStream() {
        idBuffer = lastEventId;
        ownId = null;
        type = "";
        data.setLength(0);
        tooLarge = false;
    }

    private static String decode(byte[] line, int length, boolean first) {
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        return first && !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /** One line, without its line end; {@code null} for a line that exceeded the bound. */
    private void line(String text, Handler handler) {
        if (text == null) {
            tooLarge = true;
            return;
        }
        if (text.isEmpty()) {
            dispatch(handler);
            return;
        }
        if (text.charAt(0) == ':') {
            return; // a comment, e.g. the ": ping" heartbeat
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> type = value;
            case "data" -> {
                if (data.length() + value.length() + 1 > maxBytes) {
                    tooLarge = true;
                } else if (!tooLarge) {
                    data.append(value).append('\n');
                }
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    idBuffer = value;
                    ownId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    handler.retry(saturatedLong(value));
                }
            }
            default -> {
                // other fields are ignored, as the standard says
            }
        }
    }

    private void dispatch(Handler handler) {
        lastEventId = idBuffer;
        String id = ownId == null || ownId.isEmpty() ? null : ownId;
        String eventType = type.isEmpty() ? DEFAULT_TYPE : type;
        boolean skipped = tooLarge;
        String text = data.length() == 0 ? null : data.substring(0, data.length() - 1);
        ownId = null;
        type = "";
        data.setLength(0);
        tooLarge = false;
        if (skipped) {
            handler.tooLarge(eventType, id);
        } else if (text != null) {
            handler.event(new Event(eventType, text, id));
        }
    }

    private static long saturatedLong(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > 18 ? Long.MAX_VALUE : Long.parseLong(significant);
    }
}
