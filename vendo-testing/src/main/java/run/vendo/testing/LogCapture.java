package run.vendo.testing;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what a {@code java.util.logging} logger and its children log, for the duration of a
 * try-with-resources block: attaching sets the logger's level ({@link Level#ALL} unless told
 * otherwise); closing detaches and restores the level it had.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.attach("run.vendo")) {
 *     client.token("google");
 *     assertTrue(logs.messages().stream().noneMatch(m -> m.contains(apiKey)));
 * }
 * }</pre>
 *
 * <p>Thread-safe: records published by other threads are kept too.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private LogCapture(Logger logger, Level level) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        setLevel(Level.ALL);
        logger.addHandler(this);
        logger.setLevel(level);
    }

    /**
     * Starts capturing every record of a logger and its children, at {@link Level#ALL}.
     *
     * @param loggerName the logger's name; {@code ""} for the root logger
     * @return the capture; close it to stop
     */
    public static LogCapture attach(String loggerName) {
        return attach(loggerName, Level.ALL);
    }

    /**
     * Starts capturing the records of a logger and its children, with the logger set to {@code
     * level} until closed (e.g. {@link Level#WARNING} on the root logger, to see warnings without
     * turning on every library's debug logging).
     *
     * @param loggerName the logger's name; {@code ""} for the root logger
     * @param level the logger's level while attached
     * @return the capture; close it to stop
     */
    public static LogCapture attach(String loggerName, Level level) {
        return new LogCapture(Logger.getLogger(loggerName), Objects.requireNonNull(level, "level"));
    }

    /**
     * Returns the records captured so far, live: records logged later appear in it.
     *
     * @return an unmodifiable view
     */
    public List<LogRecord> records() {
        return Collections.unmodifiableList(records);
    }

    /**
     * Returns the messages captured so far with their parameters filled in, as a handler's
     * formatter would write them (without time, level or logger name).
     *
     * @return a snapshot, in logging order
     */
    public List<String> messages() {
        return records.stream().map(formatter::formatMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    /** Detaches from the logger and restores the level it had before. */
    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
