package io.github.dingtalkauth.emulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that speaks DingTalk's OAuth 2.0 login protocol: the authorize page with a consent screen, the
 * code exchange and the profile call, with DingTalk's field names, headers and error bodies. A client configured with
 * {@link #authorizeUrl()} and {@link #apiBaseUrl()} cannot tell it from DingTalk, except that it speaks plain HTTP on
 * a loopback address.
 *
 * <p>Tests can make any endpoint misbehave ({@link #setFault}), read every request it received ({@link #requests()})
 * and count what happened ({@link #stats()}). Run {@link #main} to use it by hand.
 */
public final class DingTalkEmulator implements AutoCloseable {

    private static final int BACKLOG = 256;
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final List<EmulatorUser> users;
    private final Set<String> redirectUris;
    private final Counters counters = new Counters();
    private final RequestLog log = new RequestLog();
    private final FaultBoard faults = new FaultBoard();
    private final AtomicBoolean closed = new AtomicBoolean();

    private DingTalkEmulator(Builder config, InetAddress address) throws IOException {
        this.clientId = config.clientId;
        this.clientSecret = config.clientSecret;
        this.redirectUris = new CopyOnWriteArraySet<>(config.redirectUris);
        // Everything that can fail comes before the bind, so that a failure never leaves a port taken.
        List<EmulatorUser> configuredUsers = config.users != null ? config.users : EmulatorUser.defaults();
        this.server = HttpServer.create(new InetSocketAddress(address, config.port), BACKLOG);
        this.baseUrl = "http://" + urlHost(config.host) + ":" + server.getAddress().getPort();
        this.users = withLocalAvatars(configuredUsers, baseUrl);
        Grants grants = new Grants(config.clock,
                IdSource.prefixedOrRandom(config.codePrefix),
                IdSource.prefixedOrRandom(config.tokenPrefix),
                refreshTokenIds(config.tokenPrefix),
                config.codeTtl, config.tokenTtl);
        Map<String, RequestHandler> routes = Map.of(
                Endpoint.AUTHORIZE.path(), new AuthorizeHandler(clientId, redirectUris, users, grants),
                ApproveHandler.PATH, new ApproveHandler(users, grants, counters),
                Endpoint.TOKEN.path(), new TokenHandler(clientId, clientSecret, grants, counters),
                Endpoint.PROFILE.path(), new ProfileHandler(grants, counters));
        server.createContext("/", new Dispatcher(routes, new AvatarHandler(users), log, counters, faults,
                config.latency, grants, users));
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Stands in for {@code https://login.dingtalk.com/oauth2/auth}. */
    public String authorizeUrl() {
        return baseUrl + Endpoint.AUTHORIZE.path();
    }

    /** Stands in for {@code https://api.dingtalk.com}. */
    public String apiBaseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The users on the consent page, avatar URLs filled in. */
    public List<EmulatorUser> users() {
        return users;
    }

    /** For an app whose port, and so whose callback URL, is known only after the emulator started. */
    public void registerRedirectUri(String uri) {
        redirectUris.add(requireText(uri, "redirect URI"));
    }

    /** The registered redirect URIs, in registration order. */
    public List<String> redirectUris() {
        return List.copyOf(redirectUris);
    }

    public Stats stats() {
        return counters.snapshot();
    }

    /** Every request received, oldest first (the most recent {@value RequestLog#CAPACITY}). */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /** Forgets counters, recorded requests and faults; users, registered URIs and issued codes and tokens stay. */
    public void reset() {
        faults.clear();
        counters.reset();
        log.clear();
    }

    /** Every request to {@code endpoint} gets this fault until {@link #clearFaults()} or {@link #reset()}. */
    public void setFault(Endpoint endpoint, Fault fault) {
        faults.set(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(fault, "fault"));
    }

    /** Only the next request to {@code endpoint} gets this fault; it takes precedence over one set by setFault. */
    public void setFaultOnce(Endpoint endpoint, Fault fault) {
        faults.setOnce(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(fault, "fault"));
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Stops at once: open connections are dropped and requests in progress (a drip, a delay) are cut short. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DingTalkEmulator[" + baseUrl + "]";
    }

    /**
     * Runs the emulator until the process is killed. Options: {@code --port N --host H --client-id X
     * --client-secret Y --redirect-uri U} (repeatable) {@code --users FILE.json --latency 2s --code-prefix P
     * --token-prefix P --code-ttl 5m --token-ttl 7200s}.
     */
    public static void main(String[] args) {
        if (CommandLine.wantsHelp(args)) {
            System.out.println(CommandLine.usage());
            return;
        }
        DingTalkEmulator emulator;
        try {
            emulator = CommandLine.parse(args).start();
        } catch (IllegalArgumentException e) {
            System.err.println("dingtalk-emulator: " + e.getMessage() + "\n\n" + CommandLine.usage());
            System.exit(2);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("dingtalk-emulator: cannot start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "dingtalk-emulator-shutdown"));
        System.out.println(CommandLine.banner(emulator));
        System.out.flush();
        try {
            // The server's threads are daemons, so it is this wait that keeps the process alive until it is killed.
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<EmulatorUser> withLocalAvatars(List<EmulatorUser> users, String baseUrl) {
        return users.stream()
                .map(user -> user.avatarUrl() != null
                        ? user
                        : user.withAvatarUrl(baseUrl + AvatarHandler.PREFIX + user.key() + ".svg"))
                .toList();
    }

    private static IdSource refreshTokenIds(String tokenPrefix) {
        return tokenPrefix != null && tokenPrefix.contains("AT")
                ? IdSource.counting(tokenPrefix.replace("AT", "RT"))
                : IdSource.random();
    }

    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "dingtalk-emulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    /** Settings for one emulator; every one has a working default. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private String clientId = "dingemulatorclient";
        private String clientSecret = "emulator-secret";
        private final List<String> redirectUris = new ArrayList<>();
        private List<EmulatorUser> users;
        private String codePrefix;
        private String tokenPrefix;
        private Duration codeTtl = Duration.ofMinutes(5);
        private Duration tokenTtl = Duration.ofSeconds(7200);
        private Duration latency = Duration.ZERO;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** A loopback host name or address; anything else is refused at {@link #start()}. */
        public Builder host(String host) {
            this.host = requireText(host, "host");
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = requireText(clientId, "client id");
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = requireText(clientSecret, "client secret");
            return this;
        }

        /** Registers a redirect URI; may be called several times. Matching is by exact string. */
        public Builder redirectUri(String uri) {
            redirectUris.add(requireText(uri, "redirect URI"));
            return this;
        }

        public Builder users(List<EmulatorUser> users) {
            List<EmulatorUser> copy = List.copyOf(users);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("at least one user is needed");
            }
            Set<String> keys = new HashSet<>();
            for (EmulatorUser user : copy) {
                if (!keys.add(user.key())) {
                    throw new IllegalArgumentException("duplicate user key " + user.key());
                }
            }
            this.users = copy;
            return this;
        }

        /** Codes become {@code prefix1}, {@code prefix2}, ... (e.g. {@code CANARY-CODE-1}) instead of random. */
        public Builder codePrefix(String prefix) {
            this.codePrefix = requireText(prefix, "code prefix");
            return this;
        }

        /**
         * Access tokens become {@code prefix1}, ... (e.g. {@code CANARY-AT-1}); refresh tokens follow with
         * {@code AT} replaced by {@code RT} ({@code CANARY-RT-1}), or stay random if the prefix has no {@code AT}.
         */
        public Builder tokenPrefix(String prefix) {
            this.tokenPrefix = requireText(prefix, "token prefix");
            return this;
        }

        /** How long a code can be redeemed (default 5 minutes, DingTalk's figure for in-app codes). */
        public Builder codeTtl(Duration ttl) {
            this.codeTtl = requirePositive(ttl, "code TTL");
            return this;
        }

        /** How long an access token works; also the {@code expireIn} of the token answer (default 7200 s). */
        public Builder tokenTtl(Duration ttl) {
            this.tokenTtl = requirePositive(ttl, "token TTL");
            return this;
        }

        /** A wait before every request is handled, like a slow network; unaffected by faults and resets. */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + latency);
            }
            this.latency = latency;
            return this;
        }

        /** The clock that codes, tickets and tokens expire by; tests move it instead of sleeping. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Binds and starts the server; the port is taken when this returns. */
        public DingTalkEmulator start() throws IOException {
            InetAddress address = InetAddress.getByName(host);
            // A fake identity provider that signs anyone in as anyone must never be reachable from the network.
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("the emulator listens on loopback addresses only, not " + host);
            }
            enableNoDelay();
            return new DingTalkEmulator(this, address);
        }

        /**
         * HttpServer flushes headers and body as two TCP segments; with Nagle's algorithm on, the body then waits for
         * the client's delayed ACK, adding ~40 ms to every JSON answer on a kept-alive connection, enough to distort
         * a client's timeout tests. HttpServer reads this property once, when the first server of the JVM is made; a
         * value the user set is left alone.
         */
        private static void enableNoDelay() {
            if (System.getProperty(NO_DELAY_PROPERTY) == null) {
                System.setProperty(NO_DELAY_PROPERTY, "true");
            }
        }

        private static Duration requirePositive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
