package io.github.dingtalkauth.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What this JVM logs through java.util.logging while open: the filter's records at every level (it logs through
 * System.Logger, which lands in JUL under {@value #FILTER}, whatever class loader the filter came from), and the
 * records of every other logger at the level it already has (Tomcat's, the JDK's), for a search for secrets.
 */
public final class FilterLog extends Handler implements AutoCloseable {
    static final String FILTER = "io.github.dingtalkauth";

    private final Logger root = Logger.getLogger("");
    private final Logger filter = Logger.getLogger(FILTER); // a strong reference keeps the level set below
    private final Level previousLevel;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private FilterLog() {
        previousLevel = filter.getLevel();
        setLevel(Level.ALL);
        filter.setLevel(Level.ALL);
        root.addHandler(this); // the filter's records reach it through the logger hierarchy
    }

    public static FilterLog start() {
        return new FilterLog();
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
        root.removeHandler(this);
        filter.setLevel(previousLevel);
    }

    public void clear() {
        records.clear();
    }

    /** The filter's messages at WARNING. */
    public List<String> warnings() {
        return records.stream().filter(r -> FILTER.equals(r.getLoggerName()) && r.getLevel().equals(Level.WARNING))
                .map(FilterLog::text).toList();
    }

    /** Every record, the filter's and others', as {@code logger LEVEL message}, with its exception if any. */
    public List<String> all() {
        return records.stream().map(r -> r.getLoggerName() + " " + r.getLevel() + " " + text(r)
                + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    private static String text(LogRecord r) {
        Object[] parameters = r.getParameters();
        String message = r.getMessage() == null ? "" : r.getMessage();
        return parameters == null || parameters.length == 0 ? message
                : java.text.MessageFormat.format(message, parameters);
    }
}
