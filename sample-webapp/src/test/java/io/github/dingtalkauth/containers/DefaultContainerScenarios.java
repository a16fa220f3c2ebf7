package io.github.dingtalkauth.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkSettings;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Query;
import io.github.dingtalkauth.testing.RawHttp;
import io.github.dingtalkauth.testing.SignIn;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The filter in a container left at its defaults ({@link CodeRegisteredContainer}), written once; a subclass names the
 * container. Covers what differs between containers or depends on their defaults: the programmatic security calls
 * ({@code request.logout()} was a no-op on Tomcat and a 500 on Jetty), URL session ids, the ASYNC and ERROR
 * dispatches, the cache headers of signed-in responses, and the session cookies of two callbacks finishing together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DefaultContainerScenarios {
    private DingTalkEmulator emulator;
    private CodeRegisteredContainer container;
    private URI base;

    /** A new, unstarted container of the kind under test. */
    protected abstract CodeRegisteredContainer container();

    /** JUnit runs {@link #stop()} also when this fails part-way. */
    @BeforeAll
    void start() throws Exception {
        emulator = DingTalkEmulator.builder().port(0).start();
        container = container();
        base = container.bind();
        emulator.registerRedirectUri(base + "/dingtalk/callback");
        DingTalkSettings settings = DingTalkSettings.builder().appId(emulator.clientId())
                .appSecret(emulator.clientSecret()).redirectUri(base + "/dingtalk/callback")
                .authorizeUrl(emulator.authorizeUrl()).apiBaseUrl(emulator.apiBaseUrl())
                .excludePaths("/public/*").build();
        container.start(new DingTalkAuthFilter(settings), new ProbeServlet());
    }

    @AfterAll
    void stop() throws Exception {
        try (DingTalkEmulator closing = emulator) {
            if (container != null) {
                container.close();
            }
        }
    }

    /**
     * {@code /logout-now} calls request.logout(); {@code …/async} starts async processing and dispatches back to
     * itself from another thread; {@code /missing} is a 404, whose error page is {@link CodeRegisteredContainer#ERROR_PAGE}. Every answer
     * reports the dispatch and what the request says about the user.
     */
    private static final class ProbeServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
            String uri = req.getRequestURI();
            if (uri.endsWith("/async") && req.getDispatcherType() == DispatcherType.REQUEST) {
                AsyncContext async = req.startAsync();
                async.start(async::dispatch);
                return;
            }
            if (uri.endsWith("/missing")) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            StringBuilder text = new StringBuilder("dispatch=").append(req.getDispatcherType()).append('\n');
            if (uri.endsWith("/logout-now")) {
                text.append("authenticatedBefore=").append(req.authenticate(resp)).append('\n');
                req.logout();
                text.append("authType=").append(req.getAuthType()).append('\n');
            } else if (uri.endsWith("/login-now")) {
                try {
                    req.login("someone", "password");
                    text.append("login=accepted\n");
                } catch (ServletException refused) {
                    text.append("login=refused\n");
                }
            }
            text.append("remoteUser=").append(req.getRemoteUser()).append('\n');
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().print(text);
        }
    }

    private Browser signedIn() {
        Browser browser = new Browser(base());
        Browser.Response done = SignIn.signIn(browser, "/whoami", "zhangsan");
        assertEquals(303, done.status(), done.body());
        assertTrue(browser.navigate("/whoami").body().contains("remoteUser=" + unionId()), "signed in first");
        return browser;
    }

    private String unionId() {
        return emulator.users().stream().filter(u -> u.key().equals("zhangsan")).findFirst()
                .orElseThrow().unionId();
    }

    @Test
    void requestLogoutSignsTheUserOutForThisRequestAndTheNext() {
        Browser browser = signedIn();

        Browser.Response logout = browser.navigate("/logout-now");

        assertEquals(200, logout.status(), logout.body());
        assertTrue(logout.body().contains("authenticatedBefore=true"), logout.body());
        assertTrue(logout.body().contains("authType=null") && logout.body().contains("remoteUser=null"),
                logout.body());
        Browser.Response next = browser.get("/whoami", "Accept", "application/json");
        assertEquals(401, next.status(), "the session ended: " + next.body());
    }

    /**
     * Login CSRF through the URL: the attacker starts a login in his own session, approves it as himself, and sends
     * a victim who has no cookie to the callback with his session id in the URL. The victim must not be signed in.
     */
    @Test
    void aSessionIdInTheCallbackUrlCannotSignAVictimIn() {
        URI base = base();
        Browser attacker = new Browser(base);
        SignIn.Started started = SignIn.start(attacker, "/whoami");
        String callback = SignIn.approve(attacker, started, "lisi");
        String attackersSession = attacker.cookie("JSESSIONID");
        URI url = URI.create(callback);
        String forged = url.getRawPath() + ";jsessionid=" + attackersSession + "?" + url.getRawQuery();

        Browser victim = new Browser(base);
        Browser.Response answer = victim.navigate(forged);

        assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.body().contains("session_from_url"), answer.body());
        assertEquals(401, victim.get("/whoami", "Accept", "application/json").status());
        assertEquals(null, victim.cookie("JSESSIONID"), "no session was handed to the victim");
    }

    @Test
    void requestLoginWithAPasswordIsRefused() {
        Browser browser = signedIn();

        Browser.Response answer = browser.navigate("/login-now");

        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("login=refused"), answer.body());
        assertTrue(answer.body().contains("remoteUser=" + unionId()), "still signed in: " + answer.body());
    }

    @Test
    void anAsyncDispatchSeesTheSignedInUser() {
        Browser browser = signedIn();

        Browser.Response answer = browser.navigate("/reports/async");

        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("dispatch=ASYNC\n"), answer.body());
        assertTrue(answer.body().contains("remoteUser=" + unionId()), answer.body());
    }

    @Test
    void anExcludedPathMayStartAsyncProcessing() {
        Browser.Response answer = new Browser(base()).navigate("/public/async");

        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("dispatch=ASYNC\nremoteUser=null"), answer.body());
    }

    @Test
    void anErrorPageSeesTheSignedInUser() {
        Browser browser = signedIn();

        Browser.Response answer = browser.navigate("/missing");

        assertEquals(404, answer.status(), answer.body());
        assertTrue(answer.body().contains("dispatch=ERROR\n"), answer.body());
        assertTrue(answer.body().contains("remoteUser=" + unionId()), answer.body());
    }

    @Test
    void anAnonymousErrorPageIsServedWithoutALogin() {
        Browser.Response answer = new Browser(base()).navigate("/public/missing");

        assertEquals(404, answer.status(), answer.body());
        assertTrue(answer.body().contains("dispatch=ERROR\nremoteUser=null"), answer.body());
    }

    private URI base() {
        return base;
    }

    /**
     * The page a login started from comes back with its query string: only the path is checked strictly. Tomcat itself
     * refuses raw {@code [ ] |} in a request target (its {@code relaxedQueryChars} is empty by default), so there the
     * same queries are sent as browsers encode them.
     */
    @Test
    void ordinaryQueryStringsSurviveSignIn() throws IOException {
        List<String> targets = container.acceptsRawBracketsAndPipesInQueries()
                ? List.of("/whoami?next=https://example.com/x", "/whoami?q=100%", "/whoami?q=[1]", "/whoami?q=a|b",
                        "/whoami?q=%2F%2F")
                : List.of("/whoami?next=https://example.com/x", "/whoami?q=100%", "/whoami?q=%5B1%5D",
                        "/whoami?q=a%7Cb", "/whoami?q=%2F%2F");
        for (String target : targets) {
            String raw = RawHttp.get(base(), target, "Accept: text/html", "Sec-Fetch-Mode: navigate");
            assertEquals(302, RawHttp.status(raw), raw);
            Matcher cookie = Pattern.compile("(?mi)^Set-Cookie: (DTLOGIN_[^=]+)=([^;\\r\\n]*)").matcher(raw);
            Matcher location = Pattern.compile("(?mi)^Location: (\\S+)").matcher(raw);
            assertTrue(cookie.find() && location.find(), raw);
            Browser browser = new Browser(base());
            browser.setCookie(cookie.group(1), cookie.group(2));
            String authorize = location.group(1);
            String state = Query.parameter(URI.create(authorize).getRawQuery(), "state");
            String callback = SignIn.approve(browser, new SignIn.Started(authorize, state), "zhangsan");

            Browser.Response done = SignIn.callback(browser, callback);

            assertEquals(303, done.status(), done.body());
            assertEquals(target, done.location());
        }
    }

    @Test
    void aSignedInResponseIsNotCacheable() {
        Browser.Response page = signedIn().navigate("/whoami");

        assertEquals(200, page.status(), page.body());
        assertEquals("no-cache, no-store, max-age=0, must-revalidate", page.header("Cache-Control"));
        assertEquals("no-cache", page.header("Pragma"));
        assertEquals("0", page.header("Expires"));
    }

    @Test
    void signingInAgainAsTheSamePersonRenewsTheSessionId() {
        Browser browser = signedIn();
        String before = browser.cookie("JSESSIONID");

        Browser.Response again = SignIn.signIn(browser, "/dingtalk/login?returnTo=/whoami", "zhangsan");

        assertEquals(303, again.status(), again.body());
        String after = again.setsCookie("JSESSIONID").orElse(before);
        assertFalse(after.equals(before), "the session id was not renewed: " + before);
    }

    /**
     * Two tabs of one browser sign the same person in at the same moment: both callbacks carry the same cookie and
     * finish together. Every session id their answers set must be live, whichever answer the browser reads last.
     */
    @Test
    void twoCallbacksOfOneBrowserFinishingTogetherLeaveNoDeadCookie() throws Exception {
        Browser browser = new Browser(base());
        SignIn.Started first = SignIn.start(browser, "/first");
        SignIn.Started second = SignIn.start(browser, "/second");
        List<String> callbacks = List.of(SignIn.approve(browser, first, "zhangsan"),
                SignIn.approve(browser, second, "zhangsan"));
        emulator.setFault(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(500))); // both wait, then finish
        ExecutorService tabs = Executors.newFixedThreadPool(2);
        List<Future<Browser.Response>> answers = new ArrayList<>();
        try {
            callbacks.forEach(callback -> answers.add(tabs.submit(() -> SignIn.callback(browser, callback))));
            for (Future<Browser.Response> answer : answers) {
                assertEquals(303, answer.get(10, TimeUnit.SECONDS).status());
            }
        } finally {
            emulator.clearFaults();
            tabs.shutdownNow();
        }
        List<String> ids = new ArrayList<>();
        for (Future<Browser.Response> answer : answers) {
            answer.get().setsCookie("JSESSIONID").ifPresent(ids::add);
        }
        assertFalse(ids.isEmpty(), "the sign-in renewed the session id");
        for (String id : ids) {
            Browser holder = new Browser(base());
            holder.setCookie("JSESSIONID", id);
            Browser.Response whoami = holder.get("/whoami", "Accept", "application/json");
            assertTrue(whoami.body().contains("remoteUser=" + unionId()),
                    "a session id set by one of the answers is dead: " + whoami.status() + " " + ids);
        }
    }
}
