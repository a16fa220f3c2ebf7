package io.github.dingtalkauth.emulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local HTTP server that speaks DingTalk's login protocol and the enterprise APIs around it: the authorize page with
 * a consent screen, the code exchange and the profile call on the api host; the app access token (three ways), the
 * membership lookup and the employee profile of its home organization on the oapi host; with DingTalk's field names,
 * headers and error bodies. A client configured with {@link #authorizeUrl()}, {@link #apiBaseUrl()} and
 * {@link #oapiBaseUrl()} cannot tell it from DingTalk, except that it speaks plain HTTP on a loopback address.
 *
 * <p>Tests can make any endpoint misbehave ({@link #setFault}), read every request it received ({@link #requests()}),
 * count what happened ({@link #stats()}) and sign a user in without a browser ({@link #approve}). Start it with {@link #builder()}, or in a JUnit 5 test with
 * {@code io.github.dingtalkauth.emulator.junit.DingTalkEmulatorExtension}; run {@link #main} to use it by hand.
 */
public final class DingTalkEmulator implements AutoCloseable {

    private static final int BACKLOG = 256;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final AppCredentials app;
    private final Directory directory;
    private final RedirectUris redirectUris;
    private final AppTokens appTokens;
    private final boolean stringTypedAtStart;
    private final AtomicBoolean stringTyped;
    private final Counters counters = new Counters();
    private final RequestLog log = new RequestLog();
    private final FaultBoard faults = new FaultBoard();
    private final AuthorizeHandler authorize;
    private final LegacyAuthorizeHandler legacyAuthorize;
    private final Clock clock;
    private final AtomicReference<Duration> clockSkew = new AtomicReference<>(Duration.ZERO);
    private final ApproveHandler approve;
    private final InAppHandlers inApp;
    private final AtomicBoolean closed = new AtomicBoolean();

    DingTalkEmulator(DingTalkEmulatorBuilder config, InetAddress address) throws IOException {
        this.app = new AppCredentials(config.clientId, config.clientSecret);
        this.redirectUris = new RedirectUris(config.redirectUris, config.lenientRedirects, config.redirectHosts);
        this.stringTypedAtStart = config.stringTyped;
        this.stringTyped = new AtomicBoolean(config.stringTyped);
        // Everything that can fail comes before the bind, so that a failure never leaves a port taken.
        List<EmulatorUser> configuredUsers = config.users != null ? config.users : EmulatorUser.defaults();
        this.server = HttpServer.create(new InetSocketAddress(address, config.port), BACKLOG);
        this.baseUrl = "http://" + urlHost(config.host) + ":" + server.getAddress().getPort();
        this.directory = new Directory(config.corpId, configuredUsers.stream()
                .map(user -> user.resolved(baseUrl + AvatarHandler.PREFIX + user.key() + ".svg", config.corpId))
                .toList());
        this.appTokens = new AppTokens(config.clock, IdSource.prefixedOrRandom(config.appTokenPrefix),
                config.appTokenTtl);
        Grants grants = new Grants(config.clock,
                IdSource.prefixedOrRandom(config.codePrefix),
                IdSource.prefixedOrRandom(config.tokenPrefix),
                IdSource.refreshTokenIds(config.tokenPrefix),
                config.codeTtl, config.tokenTtl);
        this.clock = config.clock;
        this.authorize = new AuthorizeHandler(app.clientId(), redirectUris, directory, grants);
        this.approve = new ApproveHandler(directory, grants, counters);
        this.legacyAuthorize = new LegacyAuthorizeHandler(app.clientId(), redirectUris, directory, grants, approve);
        Map<String, RequestHandler> pages = new HashMap<>(
                new QrLogin(baseUrl, app.clientId(), legacyAuthorize, grants, directory).pages());
        pages.putAll(new FrameLogin(authorize, approve, directory, grants).pages());
        pages.put(ApproveHandler.PATH, approve);
        // Numbered apart from the browser login's codes: the two kinds must never be the same string.
        this.inApp = new InAppHandlers(new InAppCodes(config.clock, IdSource.prefixedOrRandom(
                config.codePrefix == null ? null : config.codePrefix + "INAPP")), directory,
                new Oapi(appTokens, stringTyped));
        server.createContext("/", new Dispatcher(endpoints(grants), pages, new AvatarHandler(directory), log,
                counters, faults, config.latency, new EmulatorState(grants, appTokens, directory)));
        this.executor = Executors.newCachedThreadPool(Dispatcher.daemonThreads());
        server.setExecutor(executor);
        server.start();
    }

    private Map<Endpoint, RequestHandler> endpoints(Grants grants) {
        Oapi oapi = new Oapi(appTokens, stringTyped);
        AppTokenHandlers tokens = new AppTokenHandlers(app, directory.corpId(), appTokens, counters, oapi);
        OrganizationHandlers organization = new OrganizationHandlers(directory, oapi);
        return Map.ofEntries(
                Map.entry(Endpoint.AUTHORIZE, authorize),
                Map.entry(Endpoint.TOKEN, new TokenHandler(app, grants, counters)),
                Map.entry(Endpoint.PROFILE, new ProfileHandler(grants, counters)),
                Map.entry(Endpoint.APP_TOKEN, tokens::newStyle),
                Map.entry(Endpoint.CORP_APP_TOKEN, tokens::unified),
                Map.entry(Endpoint.LEGACY_APP_TOKEN, tokens::legacy),
                Map.entry(Endpoint.USER_BY_UNIONID, organization::userByUnionId),
                Map.entry(Endpoint.EMPLOYEE, organization::employee),
                Map.entry(Endpoint.LEGACY_QR_AUTHORIZE, legacyAuthorize),
                Map.entry(Endpoint.LEGACY_ACCOUNT_AUTHORIZE, legacyAuthorize),
                Map.entry(Endpoint.IN_APP_USER_INFO, inApp::userInfo),
                Map.entry(Endpoint.JSAPI, inApp::script),
                Map.entry(Endpoint.LEGACY_USER_INFO,
                        new LegacyUserInfoHandler(app, grants, clock, clockSkew, oapi, counters)::handle));
    }

    public static DingTalkEmulatorBuilder builder() {
        return new DingTalkEmulatorBuilder();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Stands in for {@code https://login.dingtalk.com/oauth2/auth}. */
    public String authorizeUrl() {
        return url(Endpoint.AUTHORIZE);
    }

    /** Stands in for DingTalk's embedded QR login script, {@code g.alicdn.com/dingding/h5-dingtalk-login/…/ddlogin.js}. */
    public String qrLoginScriptUrl() {
        return baseUrl + FrameLogin.SCRIPT_PATH;
    }

    /** Stands in for the legacy flow's QR login page, {@code https://oapi.dingtalk.com/connect/qrconnect}. */
    public String legacyAuthorizeUrl() {
        return url(Endpoint.LEGACY_QR_AUTHORIZE);
    }

    /**
     * Stands in for the legacy flow's embeddable QR script, {@code https://g.alicdn.com/dingding/dinglogin/0.0.5/
     * ddLogin.js}: its {@code DDLogin({id, goto})} frames the emulator's QR page, whose scan posts a
     * {@code loginTmpCode} to the embedding page (the message's origin is {@link #baseUrl()}).
     */
    public String ddLoginScriptUrl() {
        return baseUrl + QrLogin.SCRIPT_PATH;
    }

    /**
     * Stands in for DingTalk's JS SDK, {@code https://g.alicdn.com/dingding/dingtalk-jsapi/3.1.0/dingtalk.open.js}:
     * a page inside the client (a user agent naming {@code DingTalk}) gets an in-app code for the
     * {@linkplain #setClientUser client's user} from it, as {@link #setClientSdk} says.
     */
    public String jsapiUrl() {
        return url(Endpoint.JSAPI);
    }

    /**
     * Who is signed into the DingTalk client the stand-in SDK speaks for: the user with this key, or nobody (null,
     * every {@code requestAuthCode} fails). The first user until set, and again after {@link #reset()}.
     *
     * @throws IllegalArgumentException when no user has this key
     */
    public void setClientUser(String userKey) {
        inApp.setClientUser(userKey);
    }

    /**
     * An in-app code for the user with this key, as DingTalk's client would hand it to a page, for a test that drives
     * an application without a browser: redeemable once, within five minutes, at {@code topapi/v2/user/getuserinfo}.
     *
     * @throws IllegalArgumentException when no user has this key
     */
    public String inAppCode(String userKey) {
        return inApp.issue(userKey);
    }

    /** How the stand-in SDK behaves from its next load on; {@link ClientSdk#ANSWERS_CODE} until set, and after reset. */
    public void setClientSdk(ClientSdk behaviour) {
        inApp.setSdk(behaviour);
    }

    /** Stands in for {@code https://api.dingtalk.com}: the {@link #baseUrl()} itself. */
    public String apiBaseUrl() {
        return baseUrl;
    }

    /**
     * Stands in for {@code https://oapi.dingtalk.com}: {@code baseUrl() + "/oapi"}. The same server, but a path of
     * its own, so that a client that calls an oapi endpoint on the api host (or the reverse) gets a 404.
     */
    public String oapiBaseUrl() {
        return baseUrl + Endpoint.Host.OAPI.prefix();
    }

    /** The whole URL of an endpoint; {@link Endpoint#CORP_APP_TOKEN}'s names the home organization. */
    public String url(Endpoint endpoint) {
        return baseUrl + endpoint.emulatorPath(directory.corpId());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String clientId() {
        return app.clientId();
    }

    public String clientSecret() {
        return app.clientSecret();
    }

    /** The home organization: its members are found by {@code getbyunionid}, and named in the token's corpId. */
    public String corpId() {
        return directory.corpId();
    }

    /** The users on the consent page, avatar URLs (and members' corpIds) filled in. */
    public List<EmulatorUser> users() {
        return directory.users();
    }

    /** For an app whose port, and so whose callback URL, is known only after the emulator started. */
    public void registerRedirectUri(String uri) {
        redirectUris.register(Checks.text(uri, "redirect URI"));
    }

    /** The registered redirect URIs, in registration order. */
    public List<String> redirectUris() {
        return redirectUris.registered();
    }

    public Stats stats() {
        return counters.snapshot();
    }

    /**
     * The TCP connections that brought at least one request since start or {@link #reset()}: a client that keeps
     * its connections alive makes few, one that opens a connection per call makes one per request.
     */
    public int connections() {
        return counters.connections();
    }

    /** Every request received, oldest first (the most recent {@value RequestLog#CAPACITY}). */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /** The requests to one endpoint among {@link #requests()}, oldest first. */
    public List<RecordedRequest> requests(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return log.snapshot().stream().filter(request -> Endpoint.at(request.path()).orElse(null) == endpoint)
                .toList();
    }

    /**
     * Approves an authorize request as the user with key {@code userKey}, as the consent page would, for a test that
     * drives an application without a browser: the query of {@code authorizeUrl} (where the application sent the
     * browser, addressed to DingTalk or to this emulator) is checked as the authorize endpoint checks it, a code is
     * issued, and the callback URL comes back with {@code code}, {@code authCode} and {@code state} (for a legacy login
     * page, {@code connect/qrconnect} or {@code sns_authorize}: a legacy temporary code and {@code state}). It counts as an
     * approval; nothing is recorded as a request, since none was received.
     *
     * @throws IllegalArgumentException when the authorize request is invalid or no user has this key
     */
    public String approve(String authorizeUrl, String userKey) {
        URI uri = URI.create(authorizeUrl);
        String query = Objects.requireNonNullElse(uri.getRawQuery(), "");
        EmulatorUser user = directory.byKey(Objects.requireNonNull(userKey, "userKey"))
                .orElseThrow(() -> new IllegalArgumentException("there is no user with key " + userKey));
        try {
            return approve.approved(LegacyAuthorizeHandler.serves(uri) ? legacyAuthorize.validate(query)
                    : authorize.validate(query), user);
        } catch (BadRequest e) {
            throw new IllegalArgumentException("invalid authorize request: " + e.getMessage());
        }
    }

    /**
     * Forgets counters, recorded requests and faults, and sets string-typed answers back as they were at start, the
     * clock skew to zero and the client (its user and its SDK's behaviour) back to the start; users,
     * registered URIs and issued codes and tokens stay.
     */
    public void reset() {
        faults.clear();
        counters.reset();
        log.clear();
        stringTyped.set(stringTypedAtStart);
        clockSkew.set(Duration.ZERO);
        inApp.reset();
    }

    /** Moves the clock {@code sns/getuserinfo_bycode} checks timestamps by (853002 beyond a minute) until reset. */
    public void setClockSkew(Duration skew) {
        clockSkew.set(Objects.requireNonNull(skew, "skew"));
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

    /**
     * Makes the app token issued so far invalid at once, as if it had expired or been revoked: oapi calls with it get
     * {@code errcode} 88, {@code sub_code} "40014", and the next token request gets a new token.
     */
    public void expireAppTokens() {
        appTokens.expireNow();
    }

    /**
     * Whether oapi answers write their numbers and booleans as strings ({@code "errcode":"0"},
     * {@code "contact_type":"0"}, {@code "admin":"false"}), as DingTalk's own documentation prints them.
     */
    public void setStringTypedAnswers(boolean on) {
        stringTyped.set(on);
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

    /** Runs the emulator until the process is killed; {@code --help} lists the options. */
    public static void main(String[] args) {
        CommandLine.run(args);
    }

    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

}
