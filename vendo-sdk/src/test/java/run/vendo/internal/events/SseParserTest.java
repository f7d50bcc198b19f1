package run.vendo.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event-stream parser against the WHATWG rules, byte by byte where line ends could be split. */
class SseParserTest {

    private static final int BOUND = 1 << 20;

    /** What a parser reported, in order. */
    private static final class Recorder implements SseParser.Handler {
        final List<SseParser.Event> events = new ArrayList<>();
        final List<Long> retries = new ArrayList<>();
        final List<String> tooLarge = new ArrayList<>();

        @Override
        public void event(SseParser.Event event) {
            events.add(event);
        }

        @Override
        public void retry(long millis) {
            retries.add(millis);
        }

        @Override
        public void tooLarge(String type, String id) {
            tooLarge.add(type + "#" + id);
        }
    }

    private final SseParser parser = new SseParser(BOUND);
    private final Recorder recorder = new Recorder();

    private List<SseParser.Event> parse(String stream) throws IOException {
        parser.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), recorder);
        return recorder.events;
    }

    private static SseParser.Event event(String type, String data, String id) {
        return new SseParser.Event(type, data, id);
    }

    @Test
    void readsTypeDataAndId() throws IOException {
        assertEquals(List.of(event("connection.connected", "{\"slug\":\"google\"}", "7")),
                parse("id: 7\nevent: connection.connected\ndata: {\"slug\":\"google\"}\n\n"));
        assertEquals("7", parser.lastEventId());
    }

    @Test
    void theTypeDefaultsToMessage() throws IOException {
        assertEquals(List.of(event("message", "hello", null)), parse("data: hello\n\n"));
    }

    @Test
    void joinsDataLinesWithLineFeeds() throws IOException {
        assertEquals(List.of(event("message", "one\ntwo\n\nfour", null)),
                parse("data: one\ndata: two\ndata:\ndata: four\n\n"));
    }

    @Test
    void acceptsCrLfAndCrLfLineEndsMixed() throws IOException {
        assertEquals(List.of(event("a", "1", null), event("b", "2", null), event("c", "3", null)),
                parse("event: a\rdata: 1\r\revent: b\ndata: 2\n\nevent: c\r\ndata: 3\r\n\r\n"));
    }

    @Test
    void aCrLfSplitAcrossReadsIsOneLineEnd() throws IOException {
        byte[] bytes = "data: x\r\ndata: y\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        parser.read(oneByteAtATime(bytes), recorder);
        assertEquals(List.of(event("message", "x\ny", null)), recorder.events);
    }

    @Test
    void commentsAndHeartbeatsAreSkipped() throws IOException {
        assertEquals(List.of(event("message", "x", null)), parse(": ping\n:\ndata: x\n: more\n\n: ping\n\n"));
    }

    @Test
    void removesOnlyOneLeadingSpace() throws IOException {
        assertEquals(List.of(event("message", "x", null), event("message", "  y", null)),
                parse("data:x\n\ndata:   y\n\n"));
    }

    @Test
    void aFieldWithoutColonHasAnEmptyValue() throws IOException {
        assertEquals(List.of(event("message", "", null)), parse("data\n\n"));
        // "event" alone resets the type to the default
        assertEquals(List.of(event("message", "", null), event("message", "z", null)),
                parse("event\ndata: z\n\n"));
    }

    @Test
    void anEventWithoutDataIsNotDispatchedButItsIdCounts() throws IOException {
        assertEquals(List.of(), parse("id: 5\nevent: lonely\n\n"));
        assertEquals("5", parser.lastEventId());
    }

    @Test
    void anEventsOwnIdIsEmptyWhenItHasNoIdLine() throws IOException {
        assertEquals(List.of(event("message", "a", "1"), event("message", "b", null)),
                parse("id: 1\ndata: a\n\ndata: b\n\n"));
        assertEquals("1", parser.lastEventId(), "the last id seen stays for Last-Event-ID");
    }

    @Test
    void anEmptyIdResetsTheLastId() throws IOException {
        assertEquals(List.of(event("message", "a", "1"), event("message", "b", null)),
                parse("id: 1\ndata: a\n\nid\ndata: b\n\n"));
        assertEquals("", parser.lastEventId());
    }

    @Test
    void anIdWithNulIsIgnored() throws IOException {
        assertEquals(List.of(event("message", "a", "1"), event("message", "b", null)),
                parse("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n"));
        assertEquals("1", parser.lastEventId());
    }

    @Test
    void retryTakesAsciiDigitsOnly() throws IOException {
        parse("retry: 1500\nretry: 15a\nretry:\nretry: -1\nretry: 2.5\nretry: 0\n"
                + "retry: 99999999999999999999999\n\n");
        assertEquals(List.of(1500L, 0L, Long.MAX_VALUE), recorder.retries);
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        assertEquals(List.of(event("message", "x", null)), parse("foo: bar\ndata: x\nDATA: y\n\n"));
    }

    @Test
    void anUnfinishedEventAtTheEndIsDiscardedWithItsId() throws IOException {
        assertEquals(List.of(event("message", "a", "1")), parse("id: 1\ndata: a\n\nid: 2\ndata: b\n"));
        assertEquals("1", parser.lastEventId());
    }

    @Test
    void theLastIdCarriesOverToTheNextStreamButNothingElseDoes() throws IOException {
        parse("id: 9\ndata: a\n\nevent: half\ndata: cut off");
        parse("data: fresh\n\n");
        assertEquals(List.of(event("message", "a", "9"), event("message", "fresh", null)), recorder.events);
        assertEquals("9", parser.lastEventId());
    }

    @Test
    void dropsOneLeadingByteOrderMark() throws IOException {
        assertEquals(List.of(event("message", "x", null)), parse("\uFEFFdata: x\n\n"));
    }

    @Test
    void decodesUtf8() throws IOException {
        assertEquals(List.of(event("message", "Grüße ✓ 😀", null)), parse("data: Grüße ✓ 😀\n\n"));
    }

    @Test
    void anOverlongLineSkipsItsEventButNotTheStream() throws IOException {
        SseParser small = new SseParser(32);
        String stream = "id: 1\nevent: big\ndata: " + "x".repeat(100) + "\n\nid: 2\ndata: fine\n\n";
        small.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), recorder);
        assertEquals(List.of(event("message", "fine", "2")), recorder.events);
        assertEquals(List.of("big#1"), recorder.tooLarge);
        assertEquals("2", small.lastEventId());
    }

    @Test
    void tooMuchDataInManyLinesSkipsTheEvent() throws IOException {
        SseParser small = new SseParser(32);
        String stream = "data: 0123456789\n".repeat(10) + "\ndata: ok\n\n";
        small.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), recorder);
        assertEquals(List.of(event("message", "ok", null)), recorder.events);
        assertEquals(List.of("message#null"), recorder.tooLarge);
    }

    @Test
    void anEndlessLineNeverHoldsMoreThanTheBound() throws IOException {
        SseParser small = new SseParser(1024);
        InputStream endless = new InputStream() {
            private long left = 50L << 20; // 50 MiB without a line end

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        small.read(endless, recorder);
        assertEquals(List.of(), recorder.events);
    }

    @Test
    void dataIsJsonAsPlainJavaElseTheText() {
        assertEquals(Map.of("slug", "google", "n", 1L), EventSubscription.data("{\"slug\":\"google\",\"n\":1}"));
        assertEquals(List.of(1L, new BigDecimal("2.5")), EventSubscription.data("[1, 2.5]"));
        assertEquals("quoted", EventSubscription.data("\"quoted\""));
        assertEquals(Boolean.TRUE, EventSubscription.data("true"));
        assertNull(EventSubscription.data("null"));
        assertEquals("plain words", EventSubscription.data("plain words"));
        assertEquals("{\"cut", EventSubscription.data("{\"cut"));
        assertEquals("", EventSubscription.data(""));
    }

    private static InputStream oneByteAtATime(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }
}
