package io.github.dingtalkauth.sample;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the sample WAR ({@code src/main/webapp}) on embedded Jetty 12. The webapp configures the filter exactly as a
 * user's would; all this class adds is dev mode: with no {@code appId} it starts the DingTalk emulator and points the
 * filter at it. The filter reads its settings from the file named by {@code -Ddingtalk.configFile}, so the server
 * writes the effective settings to a temporary file and names that one.
 */
public final class SampleServer implements AutoCloseable {
    static final String CONFIG_PROPERTY = "dingtalk.configFile";
    static final String CONFIG_ENV = "DINGTALK_CONFIG_FILE";
    static final Path DEFAULT_CONFIG = Path.of("conf", "dingtalk.properties");

    /** Files this JVM generated (kept after deletion), so that no server takes another's file for the user's. */
    private static final Set<String> GENERATED = ConcurrentHashMap.newKeySet();

    private final Server jetty;
    private final URI baseUri;
    private final Path configFile;
    private final DingTalkEmulator emulator;
    private final boolean ownsEmulator;
    private final Path effectiveFile;
    private final String previousProperty;
    private boolean closed;

    private SampleServer(Server jetty, URI baseUri, Path configFile, DingTalkEmulator emulator, boolean ownsEmulator,
                         Path effectiveFile, String previousProperty) {
        this.jetty = jetty;
        this.baseUri = baseUri;
        this.configFile = configFile;
        this.emulator = emulator;
        this.ownsEmulator = ownsEmulator;
        this.effectiveFile = effectiveFile;
        this.previousProperty = previousProperty;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://localhost:PORT}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    /** The emulator standing in for DingTalk; present in dev mode only. */
    public Optional<DingTalkEmulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    /** The user's properties file the settings came from (not the generated one). */
    public Path configFile() {
        return configFile;
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        try {
            jetty.stop();
        } catch (Exception e) {
            failure = new IllegalStateException("could not stop Jetty", e);
        }
        if (ownsEmulator) {
            try {
                emulator.close();
            } catch (Exception e) {
                failure = addFailure(failure, new IllegalStateException("could not stop the emulator", e));
            }
        }
        cleanUp(effectiveFile, previousProperty);
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException addFailure(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** Deletes the generated file and gives the system property back, unless another server has taken it since. */
    private static void cleanUp(Path effectiveFile, String previousProperty) {
        if (effectiveFile == null) {
            return;
        }
        synchronized (SampleServer.class) {
            if (effectiveFile.toString().equals(System.getProperty(CONFIG_PROPERTY))) {
                // Never hand back another server's generated file: it may be deleted by now.
                if (previousProperty == null || GENERATED.contains(previousProperty)) {
                    System.clearProperty(CONFIG_PROPERTY);
                } else {
                    System.setProperty(CONFIG_PROPERTY, previousProperty);
                }
            }
        }
        try {
            Files.deleteIfExists(effectiveFile);
        } catch (IOException ignored) {
            // A leftover temp file holds no secret in dev mode, and is readable by its owner only otherwise.
        }
    }

    public static final class Builder {
        private String host = "localhost";
        private int port;
        private Path configFile;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private DingTalkEmulator emulator;

        private Builder() {
        }

        /** The interface to listen on: {@code localhost} by default, so the sample is not reachable from outside. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder configFile(Path file) {
            this.configFile = file;
            return this;
        }

        /** Overrides one key of the file, e.g. {@code setting("stateTtl", "2s")}. */
        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /**
         * Uses this emulator in dev mode instead of starting one; the caller keeps it and closes it. Such an emulator
         * matches redirect URIs exactly, so redirectUri is then pinned to {@code http://localhost:PORT/...}, as in
         * production. The sample's own emulator accepts the callback path on any of this machine's host names, and
         * redirectUri is left to the filter to derive from each request, so that any host name the browser used works.
         */
        public Builder emulator(DingTalkEmulator emulator) {
            this.emulator = emulator;
            return this;
        }

        public SampleServer start() throws Exception {
            Path userFile = resolveConfigFile();
            Properties props = load(userFile);
            settings.forEach(props::setProperty);
            boolean devMode = props.getProperty("appId", "").isBlank();
            Path webapp = webappDir();

            Server jetty = new Server();
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false); // no "Server: Jetty(12.x.y)" advertised to the world
            ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            jetty.addConnector(connector);

            DingTalkEmulator emu = null;
            boolean ownsEmu = false;
            Path effective = null;
            String previous = null;
            try {
                // Bind now, before anything else: the port is part of the redirect URI the emulator must know.
                try {
                    connector.open();
                } catch (IOException e) {
                    throw new IOException("Cannot listen on " + host + ":" + port + " (port in use? set PORT)", e);
                }
                URI base = URI.create("http://localhost:" + connector.getLocalPort());
                if (devMode) {
                    String callback = base + props.getProperty("callbackPath", "/dingtalk/callback").trim();
                    if (emulator != null) {
                        emu = emulator;
                        emu.registerRedirectUri(callback);
                    } else {
                        emu = DingTalkEmulator.builder().port(0).redirectUri(callback).lenientRedirectUris().start();
                        ownsEmu = true;
                    }
                    props.setProperty("appId", String.valueOf(emu.clientId()));
                    props.setProperty("appSecret", String.valueOf(emu.clientSecret()));
                    props.setProperty("authorizeUrl", String.valueOf(emu.authorizeUrl()));
                    props.setProperty("apiBaseUrl", String.valueOf(emu.apiBaseUrl()));
                    if (!ownsEmu) {
                        props.setProperty("redirectUri", callback);
                    }
                }

                synchronized (SampleServer.class) {
                    effective = writeEffective(props, userFile);
                    previous = System.getProperty(CONFIG_PROPERTY);
                    System.setProperty(CONFIG_PROPERTY, effective.toString());
                }

                WebAppContext app = new WebAppContext();
                app.setContextPath("/");
                app.setWar(webapp.toString());
                // There is no WEB-INF/classes or WEB-INF/lib: the classes come from the launcher's classpath.
                app.setParentLoaderPriority(true);
                // A filter that cannot start should stop the launcher with its message, not leave a 503 site.
                app.setThrowUnavailableOnStartupException(true);
                app.setInitParameter("org.eclipse.jetty.servlet.Default.dirAllowed", "false");
                jetty.setHandler(app);
                try {
                    jetty.start();
                } catch (Exception e) {
                    // The filter's message names the generated copy; point the reader at the file they edit.
                    throw new IllegalStateException("The sample could not start with the settings of " + userFile
                            + " (handed to the filter as a generated copy): " + e.getMessage(), e);
                }
                return new SampleServer(jetty, base, userFile, emu, ownsEmu, effective, previous);
            } catch (Exception | Error e) {
                quietly(e, jetty::stop);
                quietly(e, connector::close);
                if (ownsEmu) {
                    quietly(e, emu::close);
                }
                cleanUp(effective, previous);
                throw e;
            }
        }

        private interface Step {
            void run() throws Exception;
        }

        /** Undoes a step of a failed start, keeping the original failure the one that is reported. */
        private static void quietly(Throwable failure, Step step) {
            try {
                step.run();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }

        /** configFile(..), else -Ddingtalk.configFile, else DINGTALK_CONFIG_FILE, else conf/ found upwards. */
        private Path resolveConfigFile() {
            Path file = configFile;
            String property = System.getProperty(CONFIG_PROPERTY);
            String env = System.getenv(CONFIG_ENV);
            if (file == null && property != null && !property.isBlank() && !GENERATED.contains(property)) {
                file = Path.of(property);
            }
            if (file == null && env != null && !env.isBlank()) {
                file = Path.of(env);
            }
            if (file == null) {
                // Upwards, so that both the repository root and sample-webapp/ work as the working directory.
                for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                    if (Files.isRegularFile(dir.resolve(DEFAULT_CONFIG))) {
                        return dir.resolve(DEFAULT_CONFIG);
                    }
                }
                throw new IllegalStateException("No " + DEFAULT_CONFIG + " in " + Path.of("").toAbsolutePath()
                        + " or above; run from the repository, or name the file with " + CONFIG_ENV
                        + " or -D" + CONFIG_PROPERTY);
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("Configuration file not found: " + file.toAbsolutePath());
            }
            return file.toAbsolutePath().normalize();
        }

        /** Read as UTF-8, as the filter reads it, so that a Chinese label can be written as is. */
        private static Properties load(Path file) throws IOException {
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            }
            return props;
        }

        /**
         * Properties.store(OutputStream) escapes everything but ASCII, so the file reads the same in any charset.
         * A temp file is readable by its owner only, which matters outside dev mode, where it may hold a secret.
         */
        private static Path writeEffective(Properties props, Path from) throws IOException {
            Path file = Files.createTempFile("dingtalk-sample-", ".properties");
            GENERATED.add(file.toString());
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "Effective settings of the dingtalk-auth sample, from " + from
                        + " (deleted when the server stops)");
            }
            return file;
        }

        private static Path webappDir() {
            for (Path dir : List.of(Path.of("sample-webapp", "src", "main", "webapp"), Path.of("src", "main", "webapp"))) {
                if (Files.isRegularFile(dir.resolve("WEB-INF").resolve("web.xml"))) {
                    return dir.toAbsolutePath().normalize();
                }
            }
            throw new IllegalStateException("Cannot find the sample's src/main/webapp from "
                    + Path.of("").toAbsolutePath() + "; run from the repository root or from sample-webapp/");
        }
    }
}
