package io.github.dingtalkauth.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Settings for a {@link DingTalkEmulator}, from {@link DingTalkEmulator#builder()}; each has a working default. */
public final class DingTalkEmulatorBuilder {

    /** The home organization's corpId unless {@link #corpId} says otherwise. */
    public static final String DEFAULT_CORP_ID = "ding5a8c5b6a5c8b53e535c2f4657eb6378f";

    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    String host = "127.0.0.1";
    int port;
    String clientId = "dingemulatorclient";
    String clientSecret = "emulator-secret";
    String corpId = DEFAULT_CORP_ID;
    final List<String> redirectUris = new ArrayList<>();
    boolean lenientRedirects;
    final Set<String> redirectHosts = new HashSet<>();
    List<EmulatorUser> users;
    String codePrefix;
    String tokenPrefix;
    String appTokenPrefix;
    Duration codeTtl = Duration.ofMinutes(5);
    Duration tokenTtl = Duration.ofSeconds(7200);
    Duration appTokenTtl = Duration.ofSeconds(7200);
    Duration latency = Duration.ZERO;
    boolean stringTyped;
    Clock clock = Clock.systemUTC();

    DingTalkEmulatorBuilder() {
    }

    /** A loopback host name or address; anything else is refused at {@link #start()}. */
    public DingTalkEmulatorBuilder host(String host) {
        this.host = Checks.text(host, "host");
        return this;
    }

    /** 0 (the default) picks a free port. */
    public DingTalkEmulatorBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        this.port = port;
        return this;
    }

    public DingTalkEmulatorBuilder clientId(String clientId) {
        this.clientId = Checks.text(clientId, "client id");
        return this;
    }

    public DingTalkEmulatorBuilder clientSecret(String clientSecret) {
        this.clientSecret = Checks.text(clientSecret, "client secret");
        return this;
    }

    /** The home organization (default {@value #DEFAULT_CORP_ID}), whose members the oapi endpoints know. */
    public DingTalkEmulatorBuilder corpId(String corpId) {
        this.corpId = Checks.text(corpId, "corpId");
        return this;
    }

    /** Registers a redirect URI; may be called several times. Matching is by exact string, unless lenient. */
    public DingTalkEmulatorBuilder redirectUri(String uri) {
        redirectUris.add(Checks.text(uri, "redirect URI"));
        return this;
    }

    /**
     * Matches a {@code redirect_uri} as DingTalk matches a registered callback domain rather than a whole URL: one
     * whose path and query are those of a registered URI is accepted on any port and scheme of this machine (a
     * loopback name or address, or a name or address of its network interfaces) or of {@code moreHosts}. For a
     * development server opened as {@code localhost}, {@code 127.0.0.1} or its LAN name; tests keep exact matching.
     */
    public DingTalkEmulatorBuilder lenientRedirectUris(String... moreHosts) {
        for (String host : moreHosts) {
            redirectHosts.add(Checks.text(host, "redirect host"));
        }
        this.lenientRedirects = true;
        return this;
    }

    /** The accounts on the consent page (default: {@link EmulatorUser#defaults()}). */
    public DingTalkEmulatorBuilder users(List<EmulatorUser> users) {
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
        Directory.check(copy);
        this.users = copy;
        return this;
    }

    /** Codes become {@code prefix1}, {@code prefix2}, ... (e.g. {@code CANARY-CODE-1}) instead of random. */
    public DingTalkEmulatorBuilder codePrefix(String prefix) {
        this.codePrefix = Checks.text(prefix, "code prefix");
        return this;
    }

    /**
     * Access tokens become {@code prefix1}, ... (e.g. {@code CANARY-AT-1}); refresh tokens follow with
     * {@code AT} replaced by {@code RT} ({@code CANARY-RT-1}), or stay random if the prefix has no {@code AT}.
     */
    public DingTalkEmulatorBuilder tokenPrefix(String prefix) {
        this.tokenPrefix = Checks.text(prefix, "token prefix");
        return this;
    }

    /** App access tokens become {@code prefix1}, ... (e.g. {@code CANARY-APP-1}) instead of random. */
    public DingTalkEmulatorBuilder appTokenPrefix(String prefix) {
        this.appTokenPrefix = Checks.text(prefix, "app token prefix");
        return this;
    }

    /** How long a code can be redeemed (default 5 minutes, DingTalk's figure for in-app codes). */
    public DingTalkEmulatorBuilder codeTtl(Duration ttl) {
        this.codeTtl = Checks.positive(ttl, "code TTL");
        return this;
    }

    /** How long a user access token works; also the {@code expireIn} of the token answer (default 7200 s). */
    public DingTalkEmulatorBuilder tokenTtl(Duration ttl) {
        this.tokenTtl = Checks.positive(ttl, "token TTL");
        return this;
    }

    /** How long the app access token works after it was last handed out (default 7200 s, as DingTalk's). */
    public DingTalkEmulatorBuilder appTokenTtl(Duration ttl) {
        this.appTokenTtl = Checks.positive(ttl, "app token TTL");
        return this;
    }

    /** A wait before every request is handled, like a slow network; unaffected by faults and resets. */
    public DingTalkEmulatorBuilder latency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
        return this;
    }

    /** Starts with string-typed oapi answers on; see {@link DingTalkEmulator#setStringTypedAnswers}. */
    public DingTalkEmulatorBuilder stringTypedAnswers(boolean on) {
        this.stringTyped = on;
        return this;
    }

    /** The clock that codes, tickets and tokens expire by; tests move it instead of sleeping. */
    public DingTalkEmulatorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Binds and starts the server; the port is taken when this returns. The builder can start more. */
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
}
