package run.vendo.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw event-stream reader for the emulator's tests: opens {@code GET /api/deployments/me/events}
 * with java.net.http and hands over the lines as they arrive, read by a daemon thread.
 */
final class SseTestClient implements AutoCloseable {

    /** Stands for the end of the stream (clean or not) in the line queue. */
    static final String END = "\u0000end";

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpResponse<InputStream> response;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SseTestClient(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread reader = new Thread(this::readLines, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Opens a stream; {@code lastEventId} may be null. */
    static SseTestClient open(VendoEmulator emulator, String lastEventId) {
        return open(emulator, lastEventId, null);
    }

    /** Opens a stream; {@code lastEventId} and {@code userJwt} may be null. */
    static SseTestClient open(VendoEmulator emulator, String lastEventId, String userJwt) {
        var request = TestHttp.authorized(emulator, EmulatorHandler.EVENTS_PATH)
                .timeout(Duration.ofMinutes(5))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        if (userJwt != null) {
            request.header("X-Vendo-User-JWT", userJwt);
        }
        try {
            return new SseTestClient(TestHttp.newClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    int status() {
        return response.statusCode();
    }

    /** The next line, {@link #END} at the end of the stream; fails after a generous wait. */
    String nextLine() {
        try {
            String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no line within " + WAIT);
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The lines that arrived so far and were not taken yet, without waiting. */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        lines.drainTo(out);
        return out;
    }

    /** The lines of the next block that is not a comment, without the blank line; empty at the end. */
    List<String> nextEvent() {
        List<String> event = new ArrayList<>();
        while (true) {
            String line = nextLine();
            if (line.equals(END)) {
                return event;
            }
            if (line.isEmpty()) {
                if (!event.isEmpty()) {
                    return event;
                }
            } else if (!line.startsWith(":")) {
                event.add(line);
            }
        }
    }

    /** Skips lines up to the end of the stream; fails when the stream does not end. */
    void awaitEnd() {
        while (!nextLine().equals(END)) {
            // heartbeats and events before the end
        }
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException dropped) {
            // a drop ends the stream like a clean end
        } finally {
            lines.add(END);
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
