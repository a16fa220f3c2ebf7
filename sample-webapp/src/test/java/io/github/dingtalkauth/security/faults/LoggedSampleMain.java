package io.github.dingtalkauth.security.faults;

import io.github.dingtalkauth.sample.SampleServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The sample application alone in a JVM of its own, for {@link SecretHygieneTest}: every {@code java.util.logging}
 * logger at ALL, each record written to stderr as one line {@code JUL|logger|LEVEL|message|stack trace} (line breaks
 * escaped, so a record can be attributed to its logger), and Jetty's own logging as the JVM's system properties set
 * it. Whatever the process prints, on stdout or stderr, is what its logs would hold. A separate JVM is needed because
 * the JDK HTTP client reads {@code jdk.httpclient.HttpClient.log} once, and Jetty its logging configuration once.
 *
 * <p>Arguments: the port, then {@code key=value} filter settings. Prints {@code READY <base URI>} when serving; a line
 * (or end of input) on stdin stops it.
 */
public final class LoggedSampleMain {
    /** Held so that the configured levels cannot be lost to garbage collection of the loggers. */
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger FILTER = Logger.getLogger("io.github.dingtalkauth");

    private LoggedSampleMain() {
    }

    public static void main(String[] args) throws Exception {
        captureAllJavaUtilLogging(System.err);
        SampleServer.Builder builder = SampleServer.builder().port(Integer.parseInt(args[0]));
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            builder.setting(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        try (SampleServer server = builder.start()) {
            System.out.println("READY " + server.baseUri());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        System.out.println("STOPPED");
        System.out.flush();
        System.exit(0);
    }

    private static void captureAllJavaUtilLogging(PrintStream out) {
        for (Handler handler : ROOT.getHandlers()) {
            ROOT.removeHandler(handler);
        }
        SimpleFormatter formatter = new SimpleFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringWriter thrown = new StringWriter();
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(new PrintWriter(thrown));
                }
                String line = "JUL|" + record.getLoggerName() + "|" + record.getLevel() + "|"
                        + formatter.formatMessage(record) + "|" + thrown;
                synchronized (out) {
                    out.println(line.replace("\r", "\\r").replace("\n", "\\n"));
                }
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
        capture.setLevel(Level.ALL);
        ROOT.setLevel(Level.ALL);
        ROOT.addHandler(capture);
        FILTER.setLevel(Level.ALL);
    }
}
