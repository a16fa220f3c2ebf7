package io.github.dingtalkauth.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.junit.DingTalkEmulatorExtension;
import io.github.dingtalkauth.springboot.app.DingTalkSpringApp;
import io.github.dingtalkauth.testing.Browser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The filter in a Spring Boot 3 application on Boot's embedded Tomcat, registered with a {@code FilterRegistrationBean}
 * as the README shows ({@link DingTalkSpringApp}), signing people in through the DingTalk emulator over real HTTP.
 */
class SpringBootSignInTest {
    private static final String[] API_REQUEST = {"Accept", "application/json", "X-Requested-With", "XMLHttpRequest"};

    @RegisterExtension
    static DingTalkEmulatorExtension dingtalk = DingTalkEmulatorExtension.builder().build();

    private static ConfigurableApplicationContext spring;
    private static URI base;

    /**
     * The filter's settings are built before Boot's Tomcat binds its port, and the redirect URI must name that port:
     * so a free port is picked first.
     */
    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        base = URI.create("http://localhost:" + port);
        String redirectUri = base + "/dingtalk/callback";
        dingtalk.registerRedirectUri(redirectUri);
        spring = new SpringApplicationBuilder(DingTalkSpringApp.class).properties(
                "server.port=" + port,
                "server.address=localhost",
                "server.servlet.session.cookie.same-site=lax", // as the README says
                "server.servlet.session.tracking-modes=cookie",
                "spring.main.banner-mode=off",
                "logging.level.root=WARN",
                "dingtalk.app-id=" + dingtalk.clientId(),
                "dingtalk.app-secret=" + dingtalk.clientSecret(),
                "dingtalk.redirect-uri=" + redirectUri,
                "emulator.authorize-url=" + dingtalk.authorizeUrl(),
                "emulator.api-url=" + dingtalk.apiBaseUrl()).run();
    }

    @AfterAll
    static void stop() {
        if (spring != null) {
            spring.close();
        }
    }

    @Test
    void anAnonymousPageSendsTheBrowserToDingTalkAndTheCallbackSignsThePersonIn() {
        Browser browser = new Browser(base);

        Browser.Response anonymous = browser.navigate("/me");
        assertEquals(302, anonymous.status(), anonymous.body());
        assertTrue(anonymous.location().startsWith(dingtalk.authorizeUrl() + "?"), anonymous.location());
        String callback = dingtalk.emulator().approve(anonymous.location(), "zhangsan");
        Browser.Response done = browser.navigate(callback);

        assertEquals(303, done.status(), done.body());
        assertEquals("/me", done.location());
        JsonObject me = json(browser.navigate("/me"));
        assertEquals(unionId("zhangsan"), me.getString("remoteUser"));
        assertEquals("张三", me.getString("nick"));
        assertEquals("DINGTALK", me.getString("authType"));
    }

    @Test
    void theSessionCookieTakesBootsSameSiteSetting() {
        Browser.Response done = signIn(new Browser(base));

        String cookie = done.setCookies().stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + done.setCookies()));
        String lower = cookie.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("; samesite=lax") && lower.contains("; httponly"), cookie);
    }

    @Test
    void logoutEndsTheSession() {
        Browser browser = new Browser(base);
        signIn(browser);
        assertEquals(200, browser.get("/me", API_REQUEST).status(), "signed in first");

        Browser.Response out = browser.postForm("/dingtalk/logout", "", "Origin", base.toString(),
                "Sec-Fetch-Site", "same-origin");

        assertEquals(303, out.status(), out.body());
        assertEquals("/", out.location());
        assertEquals(401, browser.get("/me", API_REQUEST).status());
    }

    @Test
    void anUnauthenticatedApiCallGets401JsonAndNoSession() {
        Browser.Response answer = new Browser(base).get("/me", API_REQUEST);

        assertEquals(401, answer.status(), answer.body());
        assertTrue(answer.header("content-type").startsWith("application/json"), answer.header("content-type"));
        assertEquals("unauthenticated", json(answer).getString("error"));
        assertEquals(List.of(), answer.setCookies());
        assertEquals(0, dingtalk.emulator().stats().authorizeRequests());
    }

    @Test
    void anExcludedPageIsServedWithoutALogin() {
        Browser.Response home = new Browser(base).navigate("/");

        assertEquals(200, home.status(), home.body());
        assertEquals("home", home.body());
        assertEquals(List.of(), home.setCookies());
    }

    /** The README's Spring Boot snippet and this module's application must not drift apart. */
    @Test
    void everyLineOfTheReadmesSpringBootSnippetIsInTheTestedApplication() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int intro = readme.indexOf("With Spring Boot, a `FilterRegistrationBean`");
        assertTrue(intro > 0, "the README's Spring Boot paragraph moved");
        int from = readme.indexOf("```java\n", intro) + "```java\n".length();
        String snippet = readme.substring(from, readme.indexOf("```", from));
        String app = Files.readString(Path.of("src/test/java", DingTalkSpringApp.class.getName().replace('.', '/')
                + ".java"), StandardCharsets.UTF_8);
        List<String> lines = snippet.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        assertTrue(lines.size() > 10, snippet);
        for (String line : lines) {
            assertTrue(app.lines().map(String::strip).anyMatch(line::equals), "not in the tested application: " + line);
        }
        assertFalse(snippet.contains("emulator"), "the README shows no test-only setting");
    }

    private static Browser.Response signIn(Browser browser) {
        Browser.Response start = browser.navigate("/dingtalk/login?returnTo=/me");
        assertEquals(302, start.status(), start.body());
        Browser.Response done = browser.navigate(dingtalk.emulator().approve(start.location(), "zhangsan"));
        assertEquals(303, done.status(), done.body());
        return done;
    }

    private static String unionId(String userKey) {
        return dingtalk.emulator().users().stream().filter(u -> u.key().equals(userKey)).findFirst().orElseThrow()
                .unionId();
    }

    private static JsonObject json(Browser.Response response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
