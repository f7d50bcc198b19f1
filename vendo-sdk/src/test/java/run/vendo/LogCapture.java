package run.vendo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/** A JUL handler that keeps every record it is given, for tests that read what was logged. */
final class LogCapture extends Handler {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** The records so far, live. */
    List<LogRecord> records() {
        return records;
    }
}
