package run.vendo.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * One open {@code GET /api/deployments/me/events} stream: the frames waiting for it, written by the
 * request's own server thread, with a {@code : ping} heartbeat whenever nothing else was sent for
 * a heartbeat interval.
 */
final class EventStream {

    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);
    /** Put in the queue to wake the writer when the stream is dropped. */
    private static final byte[] END = new byte[0];
    /** How often a silenced stream looks whether it may speak again or was dropped. */
    private static final long SILENT_POLL_MILLIS = 10;

    private final String identity;
    private final LinkedBlockingDeque<byte[]> frames = new LinkedBlockingDeque<>();
    private volatile boolean dropped;

    EventStream(String identity) {
        this.identity = identity;
    }

    /** The identity that opened the stream: a user id or {@link VendoEmulator#DEPLOYMENT}. */
    String identity() {
        return identity;
    }

    void offer(byte[] frame) {
        frames.offer(frame);
    }

    /** Ends the stream: the writer closes the connection as it is, without ending the body. */
    void drop() {
        dropped = true;
        frames.offer(END);
    }

    /**
     * Writes the {@code retry} frame (if any), then frames and heartbeats until the stream is
     * dropped or the client goes away.
     *
     * @throws EmulatorHandler.AbortExchange when dropped: the server then closes the connection
     * @throws IOException when the client is gone
     */
    void pump(OutputStream out, byte[] retryFrame, EmulatedEvents settings) throws IOException {
        try {
            if (retryFrame != null) {
                out.write(retryFrame);
                out.flush();
            }
            long lastWrite = System.nanoTime();
            while (!dropped) {
                if (settings.isSilent()) {
                    Thread.sleep(SILENT_POLL_MILLIS); // frames stay queued until the silence ends
                    if (System.nanoTime() - lastWrite >= TimeUnit.MILLISECONDS.toNanos(settings.heartbeatMillis())) {
                        lastWrite = System.nanoTime(); // one heartbeat's worth of silence more
                        settings.heartbeatWithheld();
                    }
                    continue;
                }
                byte[] frame = frames.poll(settings.heartbeatMillis(), TimeUnit.MILLISECONDS);
                if (frame == END || dropped) {
                    break;
                }
                if (settings.isSilent()) {
                    // Silenced while waiting: what the wait brought stays first in line.
                    if (frame != null) {
                        frames.offerFirst(frame);
                    }
                    continue;
                }
                out.write(frame == null ? PING : frame);
                out.flush();
                lastWrite = System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the emulator is stopping
        }
        throw new EmulatorHandler.AbortExchange("event stream dropped");
    }
}
