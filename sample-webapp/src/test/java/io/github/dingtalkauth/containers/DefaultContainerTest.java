package io.github.dingtalkauth.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkSettings;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.SignIn;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
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
 * security calls ({@code request.logout()} was a no-op on Tomcat and a 500 on Jetty), URL session ids, and the
 * ASYNC and ERROR dispatches the filter is registered for as the README shows.
 */
class DefaultContainerTest {
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    enum Container { JETTY, TOMCAT }

    private static final String ERROR_PAGE = "/error-page";

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
                .apiBaseUrl(emulator.apiBaseUrl()).excludePaths("/public/*").build();
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
        FilterHolder filter = new FilterHolder(new DingTalkAuthFilter(settings(jettyBase)));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        ServletHolder probe = new ServletHolder(new ProbeServlet());
        probe.setAsyncSupported(true);
        context.addServlet(probe, "/");
        ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
        errorPages.addErrorPage(404, ERROR_PAGE);
        context.setErrorHandler(errorPages);
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
        def.setAsyncSupported("true");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("dingtalk");
        map.addURLPattern("/*");
        for (DispatcherType type : List.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR)) {
            map.setDispatcher(type.name());
        }
        context.addFilterMap(map);
        Tomcat.addServlet(context, "probe", new ProbeServlet()).setAsyncSupported(true);
        context.addServletMappingDecoded("/", "probe");
        ErrorPage notFound = new ErrorPage();
        notFound.setErrorCode(404);
        notFound.setLocation(ERROR_PAGE);
        context.addErrorPage(notFound);
        tomcat.start();
    }

    /**
     * {@code /logout-now} calls request.logout(); {@code …/async} starts async processing and dispatches back to
     * itself from another thread; {@code /missing} is a 404, whose error page is {@link #ERROR_PAGE}. Every answer
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

    private static Browser signedIn(Container container) {
        Browser browser = new Browser(base(container));
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
        URI base = base(container);
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

    @ParameterizedTest
    @EnumSource(Container.class)
    void anAsyncDispatchSeesTheSignedInUser(Container container) {
        Browser browser = signedIn(container);

        Browser.Response answer = browser.navigate("/reports/async");

        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("dispatch=ASYNC\n"), answer.body());
        assertTrue(answer.body().contains("remoteUser=" + unionId()), answer.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void anExcludedPathMayStartAsyncProcessing(Container container) {
        Browser.Response answer = new Browser(base(container)).navigate("/public/async");

        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("dispatch=ASYNC\nremoteUser=null"), answer.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void anErrorPageSeesTheSignedInUser(Container container) {
        Browser browser = signedIn(container);

        Browser.Response answer = browser.navigate("/missing");

        assertEquals(404, answer.status(), answer.body());
        assertTrue(answer.body().contains("dispatch=ERROR\n"), answer.body());
        assertTrue(answer.body().contains("remoteUser=" + unionId()), answer.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void anAnonymousErrorPageIsServedWithoutALogin(Container container) {
        Browser.Response answer = new Browser(base(container)).navigate("/public/missing");

        assertEquals(404, answer.status(), answer.body());
        assertTrue(answer.body().contains("dispatch=ERROR\nremoteUser=null"), answer.body());
    }

    private static URI base(Container container) {
        return container == Container.JETTY ? jettyBase : tomcatBase;
    }
}
