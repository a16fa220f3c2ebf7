package io.github.dingtalkauth.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkSettings;
import io.github.dingtalkauth.e2e.SignInScenarios;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.testing.Browser;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filter registered in code, with no web.xml and no properties file: a {@link ServletContainerInitializer} calls
 * {@code addFilter("dingtalk", new DingTalkAuthFilter(settings))} on a stock embedded Tomcat 10.1, as Spring Boot's
 * {@code FilterRegistrationBean} does, and every scenario of {@link SignInScenarios} holds.
 */
public class CodeRegisteredSignInTest extends SignInScenarios {
    static final String CONTEXT_PATH = "/coded";
    static final String PUBLIC_PAGE = "/public/hello";

    /** Held so that the level is not lost to garbage collection of the logger. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    private static DingTalkEmulator emulator;
    private static Tomcat tomcat;
    private static Path docBase;
    private static URI base;

    @BeforeAll
    static void deploy() throws Exception {
        TOMCAT_LOG.setLevel(Level.WARNING);
        emulator = DingTalkEmulator.builder().port(0).start();
        docBase = Files.createTempDirectory("e2e-coded-");
        tomcat = new Tomcat();
        tomcat.setBaseDir(docBase.resolve("catalina").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "localhost");
        tomcat.setConnector(connector);
        tomcat.getHost();
        tomcat.init(); // binds the port, which the redirect URI names
        base = URI.create("http://localhost:" + connector.getLocalPort() + CONTEXT_PATH);
        emulator.registerRedirectUri(base + "/dingtalk/callback");

        DingTalkSettings settings = DingTalkSettings.builder()
                .appId(emulator.clientId())
                .appSecret(emulator.clientSecret())
                .redirectUri(base + "/dingtalk/callback")
                .authorizeUrl(emulator.authorizeUrl())
                .apiBaseUrl(emulator.apiBaseUrl())
                .excludePaths("/", "/public/*")
                .build();
        Context context = tomcat.addContext(CONTEXT_PATH, Files.createDirectories(docBase.resolve("app")).toString());
        TomcatLeakChecks.off(context);
        context.addServletContainerInitializer(new Registration(settings), null);
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException("the context did not start (state " + context.getState() + ")");
        }
    }

    @AfterAll
    static void undeploy() throws Exception {
        try {
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        } finally {
            emulator.close();
            try (Stream<Path> tree = Files.walk(docBase)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** What a user writes: the README's "Configure from code", plus the application's own servlets. */
    private record Registration(DingTalkSettings settings) implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext servletContext) {
            FilterRegistration.Dynamic dingtalk =
                    servletContext.addFilter("dingtalk", new DingTalkAuthFilter(settings));
            dingtalk.setAsyncSupported(true);
            dingtalk.addMappingForUrlPatterns(
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR), false, "/*");
            // Settings from code win wholly: were this init-param read, the missing file would stop the start.
            dingtalk.setInitParameter("configFile", "/WEB-INF/absent.properties");

            servletContext.addServlet("whoami", WhoAmIServlet.class).addMapping("/whoami");
            servletContext.addServlet("public", new TextServlet("public page")).addMapping("/public/*");
            // Tomcat runs filters only for requests some servlet is mapped to; an application's "/" servlet (such
            // as Spring's DispatcherServlet) covers the filter's own paths.
            servletContext.addServlet("home", new TextServlet("home")).addMapping("/");
            var async = servletContext.addServlet("async", new AsyncWhoAmIServlet());
            async.setAsyncSupported(true);
            async.addMapping("/async");
        }
    }

    private static final class TextServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final String text;

        TextServlet(String text) {
            this.text = text;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().println(text);
        }
    }

    /** Answers from another thread, after the filter has returned: the user is still the request's. */
    private static final class AsyncWhoAmIServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext async = req.startAsync();
            async.start(() -> {
                try {
                    resp.setContentType("text/plain;charset=UTF-8");
                    resp.getWriter().println("remoteUser=" + req.getRemoteUser());
                } catch (IOException e) {
                    resp.setStatus(500);
                } finally {
                    async.complete();
                }
            });
        }
    }

    @Override
    protected URI base() {
        return base;
    }

    @Override
    protected String contextPath() {
        return CONTEXT_PATH;
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
        return PUBLIC_PAGE;
    }

    @Override
    protected String remoteUser(Browser.Response page) {
        return page.status() == 200 ? valueOf("remoteUser", page.body()) : null;
    }

    @Test
    void anAsyncServletBehindTheFilterSeesTheUser() {
        Browser browser = signedIn("zhangsan");

        Browser.Response answer = browser.navigate("/async");

        assertEquals(200, answer.status(), answer.body());
        assertEquals(unionId("zhangsan"), valueOf("remoteUser", answer.body()));
    }

    private static String valueOf(String key, String body) {
        for (String line : body.split("\r?\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1);
            }
        }
        return null;
    }
}
