package io.github.dingtalkauth.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkSettings;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.SignIn;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The filter on Jetty 12 and Tomcat 10.1 left at their defaults (no session-config: sessions tracked by cookie and by
 * URL), registered in code. Covers what differs between containers or depends on their defaults: the programmatic
 * security calls ({@code request.logout()} was a no-op on Tomcat and a 500 on Jetty) and URL session ids.
 */
class DefaultContainerTest {
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    enum Container { JETTY, TOMCAT }

    private static DingTalkEmulator emulator;
    private static Server jetty;
    private static Tomcat tomcat;
    private static URI jettyBase;
    private static URI tomcatBase;

    @BeforeAll
    static void start() throws Exception {
        TOMCAT_LOG.setLevel(Level.WARNING);
        emulator = DingTalkEmulator.builder().port(0).start();
        startJetty();
        startTomcat();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            jetty.stop();
            tomcat.stop();
            tomcat.destroy();
        } finally {
            emulator.close();
        }
    }

    private static DingTalkSettings settings(URI base) {
        emulator.registerRedirectUri(base + "/dingtalk/callback");
        return DingTalkSettings.builder().appId(emulator.clientId()).appSecret(emulator.clientSecret())
                .redirectUri(base + "/dingtalk/callback").authorizeUrl(emulator.authorizeUrl())
                .apiBaseUrl(emulator.apiBaseUrl()).build();
    }

    private static void startJetty() throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("localhost");
        jetty.addConnector(connector);
        connector.open();
        jettyBase = URI.create("http://localhost:" + connector.getLocalPort());
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new DingTalkAuthFilter(settings(jettyBase))), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new ProbeServlet()), "/");
        jetty.setHandler(context);
        jetty.start();
    }

    private static void startTomcat() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("programmatic-").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "localhost");
        tomcat.setConnector(connector);
        tomcat.getHost();
        tomcat.init();
        tomcatBase = URI.create("http://localhost:" + connector.getLocalPort());
        Context context = tomcat.addContext("", null);
        FilterDef def = new FilterDef();
        def.setFilterName("dingtalk");
        def.setFilter(new DingTalkAuthFilter(settings(tomcatBase)));
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("dingtalk");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "probe", new ProbeServlet());
        context.addServletMappingDecoded("/", "probe");
        tomcat.start();
    }

    /** {@code /logout-now} calls request.logout(); every path reports what the request says about the user. */
    private static final class ProbeServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
            StringBuilder text = new StringBuilder();
            if (req.getRequestURI().endsWith("/logout-now")) {
                text.append("authenticatedBefore=").append(req.authenticate(resp)).append('\n');
                req.logout();
                text.append("authType=").append(req.getAuthType()).append('\n');
            } else if (req.getRequestURI().endsWith("/login-now")) {
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

    private static Browser signedIn(Container container) {
        Browser browser = new Browser(container == Container.JETTY ? jettyBase : tomcatBase);
        Browser.Response done = SignIn.signIn(browser, "/whoami", "zhangsan");
        assertEquals(303, done.status(), done.body());
        assertTrue(browser.navigate("/whoami").body().contains("remoteUser=" + unionId()), "signed in first");
        return browser;
    }

    private static String unionId() {
        return emulator.users().stream().filter(u -> u.key().equals("zhangsan")).findFirst().orElseThrow().unionId();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void requestLogoutSignsTheUserOutForThisRequestAndTheNext(Container container) {
        Browser browser = signedIn(container);

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
    @ParameterizedTest
    @EnumSource(Container.class)
    void aSessionIdInTheCallbackUrlCannotSignAVictimIn(Container container) {
        URI base = container == Container.JETTY ? jettyBase : tomcatBase;
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

    @ParameterizedTest
    @EnumSource(Container.class)
    void requestLoginWithAPasswordIsRefused(Container container) {
        Browser browser = signedIn(container);

        Browser.Response answer = browser.navigate("/login-now");

        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("login=refused"), answer.body());
        assertTrue(answer.body().contains("remoteUser=" + unionId()), "still signed in: " + answer.body());
    }
}
