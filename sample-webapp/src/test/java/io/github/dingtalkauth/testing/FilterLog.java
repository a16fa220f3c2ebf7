package io.github.dingtalkauth.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every record the filter logs in this JVM, at every level, while open: the filter logs through System.Logger, which
 * lands in java.util.logging under {@code io.github.dingtalkauth}. Whatever the container's class loader, the
 * logger is the JDK's, so a filter deployed in Tomcat's webapp loader is heard too.
 */
public final class FilterLog extends Handler implements AutoCloseable {
    private final Logger logger; // a strong reference keeps the level set below
    private final Level previousLevel;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private FilterLog(String name) {
        logger = Logger.getLogger(name);
        previousLevel = logger.getLevel();
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    public static FilterLog start() {
        return new FilterLog("io.github.dingtalkauth");
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

    public void clear() {
        records.clear();
    }

    /** The messages at WARNING. */
    public List<String> warnings() {
        return records.stream().filter(r -> r.getLevel().equals(Level.WARNING)).map(FilterLog::text).toList();
    }

    /** Every record as {@code LEVEL message}, with its exception if any. */
    public List<String> all() {
        return records.stream().map(r -> r.getLevel() + " " + text(r)
                + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    private static String text(LogRecord r) {
        Object[] parameters = r.getParameters();
        String message = r.getMessage() == null ? "" : r.getMessage();
        return parameters == null || parameters.length == 0 ? message
                : java.text.MessageFormat.format(message, parameters);
    }
}
