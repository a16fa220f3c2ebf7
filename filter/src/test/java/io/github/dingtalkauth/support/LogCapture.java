package io.github.dingtalkauth.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the filter logs. The filter uses {@link System.Logger}, whose default backend is java.util.logging,
 * so a JUL handler on logger {@code io.github.dingtalkauth} at ALL sees every line.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger; // a strong reference keeps the level set below
    private final Level previousLevel;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(String name) {
        logger = Logger.getLogger(name);
        previousLevel = logger.getLevel();
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    public static LogCapture start() {
        return new LogCapture("io.github.dingtalkauth");
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The formatted messages at exactly this level. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogCapture::text).toList();
    }

    /** Every message, with any parameters and thrown exception, as one text to search. */
    public String all() {
        StringBuilder out = new StringBuilder();
        for (LogRecord r : records) {
            out.append(r.getLevel()).append(' ').append(text(r)).append('\n');
            if (r.getThrown() != null) {
                out.append(r.getThrown()).append('\n');
            }
        }
        return out.toString();
    }

    public void clear() {
        records.clear();
    }

    private static String text(LogRecord r) {
        String message = r.getMessage() == null ? "" : r.getMessage();
        Object[] parameters = r.getParameters();
        return parameters == null || parameters.length == 0 ? message
                : java.text.MessageFormat.format(message, parameters);
    }
}
