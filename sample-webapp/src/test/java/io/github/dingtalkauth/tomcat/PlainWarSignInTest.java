package io.github.dingtalkauth.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.e2e.SignInScenarios;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.RecordedRequest;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Query;
import io.github.dingtalkauth.testing.SignIn;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The "done when": the filter jar and its two runtime dependencies in the {@code WEB-INF/lib} of a plain WAR
 * on a stock Tomcat 10.1 (Tomcat 11 and Jetty ee11 in the it-servlet61 module), configured only by {@code web.xml}
 * init-params, signs a user in against a server that answers exactly as DingTalk's reference page describes (the
 * callback carries {@code authCode} and {@code state}, no {@code code}), and refuses every hostile case of
 * {@link SignInScenarios}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class PlainWarSignInTest extends SignInScenarios {
    private DingTalkEmulator emulator;
    private PlainWar war;

    /** The container under test, new and unstarted; a subclass may run the same WAR on another. */
    protected WarServer warServer() {
        return new TomcatWarServer();
    }

    @BeforeAll
    void deploy() throws Exception {
        emulator = DingTalkEmulator.builder().port(0).start();
        try {
            war = PlainWar.deploy(emulator, Map.of(), warServer());
        } catch (Exception | Error e) {
            emulator.close();
            throw e;
        }
    }

    @AfterAll
    void undeploy() throws Exception {
        try {
            if (war != null) {
                war.close();
            }
        } finally {
            emulator.close();
        }
    }

    @Override
    protected URI base() {
        return war.base();
    }

    @Override
    protected String contextPath() {
        return PlainWar.CONTEXT_PATH;
    }

    @Override
    protected DingTalkEmulator emulator() {
        return emulator;
    }

    @Override
    protected String protectedPage() {
        return "/whoami";
    }

    @Override
    protected String publicPage() {
        return PlainWar.PUBLIC_PAGE;
    }

    @Override
    protected String remoteUser(Browser.Response page) {
        return page.status() == 200 ? PlainWar.lines(page.body()).get("remoteUser") : null;
    }

    /**
     * DingTalk's reference page: {@code ?authCode=XXXX&state=YYYY}. The emulator also sends {@code code} (as the
     * tutorial shows); here it is removed, so every scenario on Tomcat signs in with {@code authCode} alone.
     */
    @Override
    protected String asDelivered(String callbackUrl) {
        URI uri = URI.create(callbackUrl);
        StringBuilder query = new StringBuilder();
        for (String pair : uri.getRawQuery().split("&")) {
            if (!pair.startsWith("code=")) {
                query.append(query.length() == 0 ? "" : "&").append(pair);
            }
        }
        String delivered = callbackUrl.substring(0, callbackUrl.indexOf('?') + 1) + query;
        assertNull(Query.parameter(URI.create(delivered).getRawQuery(), "code"));
        return delivered;
    }

    @Test
    void filterRunsFromWebInfLibThroughTheWebappClassLoader() {
        Browser browser = signedIn("zhangsan");

        Map<String, String> report = PlainWar.lines(browser.navigate(protectedPage()).body());

        assertEquals("io.github.dingtalkauth.DingTalkPrincipal", report.get("principalClass"));
        ClassLoader webapp = war.webappClassLoader();
        assertEquals(String.valueOf(System.identityHashCode(webapp)), report.get("principalLoader"),
                "the principal (made by the filter) must be defined by the container's webapp class loader " + webapp);
        assertNotEquals(String.valueOf(System.identityHashCode(getClass().getClassLoader())),
                report.get("principalLoader"));
        assertTrue(report.get("principalSource").endsWith("/WEB-INF/lib/" + PlainWar.FILTER_JAR),
                report.get("principalSource"));
        assertEquals(warServer().jakartaApisFromTheWar(),
                report.get("jsonSource").endsWith("/WEB-INF/lib/jakarta.json-api.jar"), report.get("jsonSource"));
        assertEquals(report.get("principalLoader"), report.get("servletLoader"));
    }

    @Test
    void servletApiSeesTheUserThroughTheWrappedRequest() {
        Browser browser = signedIn("alice");

        Map<String, String> report = PlainWar.lines(browser.navigate(protectedPage()).body());

        assertEquals(unionId("alice"), report.get("remoteUser"));
        assertEquals(unionId("alice"), report.get("principal"));
        assertEquals("DINGTALK", report.get("authType"));
    }

    @Test
    void callbackWithOnlyAuthCodeRedeemsThatCode() {
        Browser browser = browser();
        String callback = asDelivered(SignIn.approve(browser, SignIn.start(browser, protectedPage()), "zhangsan"));
        String authCode = Query.parameter(URI.create(callback).getRawQuery(), "authCode");
        assertNotNull(authCode);

        Browser.Response done = SignIn.callback(browser, callback);

        assertEquals(303, done.status(), done.body());
        List<RecordedRequest> tokenRequests = emulator.requests().stream()
                .filter(r -> r.path().equals(Endpoint.TOKEN.path())).toList();
        assertEquals(1, tokenRequests.size());
        assertEquals(authCode, json(tokenRequests.get(0).body()).getString("code"));
    }

    @Test
    void protectedStaticPageIsServedOnlyAfterSignIn() {
        Browser browser = browser();
        Browser.Response before = browser.navigate(PlainWar.PRIVATE_PAGE);
        assertEquals(302, before.status());
        assertFalse(before.body().contains(PlainWar.PRIVATE_MARKER));

        Browser.Response done = signIn(browser, PlainWar.PRIVATE_PAGE, "zhangsan");

        assertEquals(303, done.status(), done.body());
        assertEquals(PlainWar.CONTEXT_PATH + PlainWar.PRIVATE_PAGE, done.location());
        Browser.Response page = follow(browser, done);
        assertEquals(200, page.status());
        assertTrue(page.body().contains(PlainWar.PRIVATE_MARKER), page.body());
    }

    @Test
    void loginCookieIsHttpOnlySameSiteLaxAndScopedToTheContext() {
        Browser browser = browser();

        Browser.Response start = browser.navigate(protectedPage());

        assertTrue(start.setsCookie(SESSION_COOKIE).isEmpty(), "a login start created a session");
        String cookie = start.setCookies().stream().filter(c -> c.startsWith("DTLOGIN_")).findFirst()
                .orElseThrow(() -> new AssertionError("no login cookie: " + start.setCookies()));
        assertTrue(cookie.contains("; Path=" + PlainWar.CONTEXT_PATH + "/;"), cookie);
        String lower = cookie.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("; httponly"), cookie);
        assertTrue(lower.contains("; samesite=lax"), cookie);
        assertTrue(lower.contains("; path=" + PlainWar.CONTEXT_PATH), cookie);
        assertFalse(lower.contains("; secure"), cookie);
    }
}
