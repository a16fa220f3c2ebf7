package io.github.dingtalkauth.sample;

import io.github.dingtalkauth.ConfigException;
import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkSettings;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs the sample WAR ({@code src/main/webapp}) on embedded Jetty 12. The WAR's {@code web.xml} declares the filter as
 * a user's would; this launcher reads the user's {@code conf/dingtalk.properties}, adds dev mode (with no
 * {@code appId} it starts the DingTalk emulator, points the filter at it and adds a few {@code role.*} rules), and
 * hands the filter its settings in code as a {@link DingTalkSettings}: no generated file, no system property.
 */
public final class SampleServer implements AutoCloseable {
    static final String CONFIG_PROPERTY = "dingtalk.configFile";
    static final String CONFIG_ENV = "DINGTALK_CONFIG_FILE";
    static final Path DEFAULT_CONFIG = Path.of("conf", "dingtalk.properties");
    /** The filter's name in the sample's web.xml. */
    static final String FILTER_NAME = "dingtalk";

    private final Server jetty;
    private final URI baseUri;
    private final Path configFile;
    private final DingTalkEmulator emulator;
    private final boolean ownsEmulator;
    private boolean closed;

    private SampleServer(Server jetty, URI baseUri, Path configFile, DingTalkEmulator emulator, boolean ownsEmulator) {
        this.jetty = jetty;
        this.baseUri = baseUri;
        this.configFile = configFile;
        this.emulator = emulator;
        this.ownsEmulator = ownsEmulator;
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

    /** The user's properties file the settings came from. */
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

    public static final class Builder {
        private String host = "localhost";
        private int port;
        private Path configFile;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private DingTalkEmulator emulator;
        private Clock clock = Clock.systemUTC();

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

        /** The clock the filter reads to expire started logins, so that a test can move time on. */
        public Builder clock(Clock clock) {
            this.clock = clock;
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
                    if (!"legacy".equals(props.getProperty("flow", "").trim())) {
                        // flow=legacy finds its own login page under oapiBaseUrl
                        props.setProperty("authorizeUrl", String.valueOf(emu.authorizeUrl()));
                    }
                    props.setProperty("apiBaseUrl", String.valueOf(emu.apiBaseUrl()));
                    props.setProperty("oapiBaseUrl", emu.oapiBaseUrl());
                    if (props.getProperty("allowedCorpIds") == null) {
                        // Only the emulator's organization: its outsider and external contact see the refusal.
                        props.setProperty("allowedCorpIds", emu.corpId());
                    }
                    devModeRoles(props);
                    devModeInApp(props, emu);
                    if (!ownsEmu) {
                        props.setProperty("redirectUri", callback);
                    }
                }

                WebAppContext app = withFilterSettings(filterSettings(props, userFile));
                app.setContextPath("/");
                app.setWar(webapp.toString());
                // There is no WEB-INF/classes or WEB-INF/lib: the classes come from the launcher's classpath.
                app.setParentLoaderPriority(true);
                // A filter that cannot start should stop the launcher with its message, not leave a 503 site.
                app.setThrowUnavailableOnStartupException(true);
                app.setInitParameter("org.eclipse.jetty.servlet.Default.dirAllowed", "false");
                jetty.setHandler(app);
                jetty.start();
                return new SampleServer(jetty, base, userFile, emu, ownsEmu);
            } catch (Exception | Error e) {
                quietly(e, jetty::stop);
                quietly(e, connector::close);
                if (ownsEmu) {
                    quietly(e, emu::close);
                }
                throw e;
            }
        }

        /**
         * A few roles, so that {@code /me} shows some out of the box: 张三 is an admin, 李四 and Alice lead. Only when
         * the file defines no {@code role.*} rule of its own, so that the user's rules are the only ones.
         */
        private static void devModeRoles(Properties props) {
            if (props.stringPropertyNames().stream().noneMatch(key -> key.startsWith("role."))) {
                props.setProperty("role.admin", "dingtalkAdmin");
                props.setProperty("role.staff", "member");
                props.setProperty("role.leads", "leader, boss");
            }
        }

        /**
         * Opened with DingTalk's user agent, the sample signs in silently (免登) through the emulator's stand-in SDK,
         * as the emulator's client user (张三 unless a test says otherwise). Not when the file decides otherwise, nor
         * without allowedCorpIds (which it needs), nor with principalName=openId (which it cannot name).
         */
        private static void devModeInApp(Properties props, DingTalkEmulator emu) {
            props.setProperty("jsapiUrl", emu.jsapiUrl());
            if (props.getProperty("inAppLogin") == null && !props.getProperty("allowedCorpIds", "").isBlank()
                    && !"openId".equals(props.getProperty("principalName", "").trim())) {
                props.setProperty("inAppLogin", "true");
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
            if (file == null && property != null && !property.isBlank()) {
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

        /** The settings the filter gets, checked here: a mistake names the user's file, not the filter. */
        private DingTalkSettings filterSettings(Properties props, Path userFile) {
            try {
                return DingTalkSettings.fromProperties(props, "file " + userFile).withClock(clock);
            } catch (ConfigException e) {
                throw new IllegalStateException("The sample cannot start: " + e.getMessage(), e);
            }
        }

        /**
         * The web application, its {@code web.xml} filter given {@code settings} in code: once the descriptor is read
         * and before any filter starts, the holder's class is replaced by an instance. The instance comes from this
         * class loader; the webapp loader finds the same class (parent first, and the WAR has no WEB-INF/lib), so the
         * filter and the servlets share one DingTalkPrincipal.
         */
        private static WebAppContext withFilterSettings(DingTalkSettings settings) {
            return new WebAppContext() {
                @Override
                protected void startWebapp() throws Exception {
                    FilterHolder holder = getServletHandler().getFilter(FILTER_NAME);
                    if (holder == null) {
                        throw new IllegalStateException("the sample's web.xml declares no filter '" + FILTER_NAME + "'");
                    }
                    holder.setFilter(new DingTalkAuthFilter(settings));
                    super.startWebapp();
                }
            };
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
