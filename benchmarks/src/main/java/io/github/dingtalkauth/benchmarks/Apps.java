package io.github.dingtalkauth.benchmarks;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkSettings;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.pac4j.core.client.Clients;
import org.pac4j.core.config.Config;
import org.pac4j.core.profile.CommonProfile;
import org.pac4j.core.profile.ProfileManager;
import org.pac4j.http.client.indirect.IndirectBasicAuthClient;
import org.pac4j.http.credentials.authenticator.test.SimpleTestUsernamePasswordAuthenticator;
import org.pac4j.jee.adapter.JEEFrameworkAdapter;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.jee.context.session.JEESessionStore;
import org.pac4j.jee.filter.SecurityFilter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;

/**
 * The applications under test: one trivial servlet ({@code /*} answers "hello"), each in its own context with sessions,
 * behind nothing, the DingTalk filter, pac4j's SecurityFilter or Spring Security's filter chain. Each context but the
 * DingTalk one has a {@code /setup} servlet that signs its session in the way that library keeps a sign-in; the
 * DingTalk one is signed in through a real sign-in against the emulator.
 */
final class Apps {
    static final String PROTECTED = "/app/orders/42?tab=items";

    private Apps() {
    }

    static Server server(int port, int maxThreads, ContextHandler... contexts) {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 8);
        threads.setName("bench-jetty");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ContextHandlerCollection(contexts));
        return server;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No filter: the limit. The setup servlet only makes a session, so that every variant carries one. */
    static ServletContextHandler plain(String path) {
        ServletContextHandler context = context(path);
        context.addServlet(new ServletHolder(new Setup(request -> { })), "/setup");
        return context;
    }

    /** The DingTalk filter, signing in against {@code emulator} with the organization check; {@code extra} settings. */
    static ServletContextHandler dingTalk(String path, DingTalkEmulator emulator, int port, Map<String, String> extra,
                                          Filter measuring) {
        String callback = "http://127.0.0.1:" + port + path + "/dingtalk/callback";
        emulator.registerRedirectUri(callback);
        DingTalkSettings.Builder settings = DingTalkSettings.builder()
                .appId(emulator.clientId()).appSecret(emulator.clientSecret()).redirectUri(callback)
                .authorizeUrl(emulator.authorizeUrl()).apiBaseUrl(emulator.apiBaseUrl())
                .oapiBaseUrl(emulator.oapiBaseUrl()).allowedCorpIds(emulator.corpId())
                .excludePaths("/static/*", "*.css");
        extra.forEach(settings::set);
        ServletContextHandler context = context(path);
        if (measuring != null) {
            context.addFilter(new FilterHolder(measuring), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addFilter(new FilterHolder(new DingTalkAuthFilter(settings.build())), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new SessionBytesServlet()), "/session-bytes");
        return context;
    }

    /** pac4j 6 (jakartaee-pac4j 8): SecurityFilter with an indirect client; the profile lives in the session. */
    static ServletContextHandler pac4j(String path) {
        Config config = new Config(new Clients("http://127.0.0.1" + path + "/callback",
                new IndirectBasicAuthClient(new SimpleTestUsernamePasswordAuthenticator())));
        new JEEFrameworkAdapter().applyDefaultSettingsIfUndefined(config);
        ServletContextHandler context = context(path);
        context.addFilter(new FilterHolder(new SecurityFilter(config, "IndirectBasicAuthClient")), "/app/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Setup(request -> {
            CommonProfile profile = new CommonProfile();
            profile.setId("zhangsan");
            profile.setClientName("IndirectBasicAuthClient");
            profile.addAttribute("display_name", "张三");
            profile.addAttribute("email", "zhangsan@example.com");
            new ProfileManager(new JEEContext(request.request, request.response), new JEESessionStore())
                    .save(true, profile, false);
        })), "/setup");
        return context;
    }

    /** Spring Security 7, configured by {@link SpringSecurityApp} in a plain Spring context (no Boot). */
    static ServletContextHandler spring(String path) {
        ServletContextHandler context = context(path);
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.register(SpringSecurityApp.class);
        spring.setServletContext(context.getServletContext());
        context.addFilter(new FilterHolder(new DelegatingFilterProxy("springSecurityFilterChain", spring)), "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        context.addServlet(new ServletHolder(new Setup(request -> {
            var auth = UsernamePasswordAuthenticationToken.authenticated("zhangsan", null,
                    List.of(new SimpleGrantedAuthority("ROLE_USER")));
            request.request.getSession(true).setAttribute(
                    HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(auth));
        })), "/setup");
        return context;
    }

    private static ServletContextHandler context(String path) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath(path);
        context.getSessionHandler().setSessionTrackingModes(Set.of(SessionTrackingMode.COOKIE));
        context.addServlet(new ServletHolder(new Hello()), "/*");
        return context;
    }

    /** The application: as little as a servlet can do. */
    static final class Hello extends HttpServlet {
        private static final byte[] BODY = "hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }

    record Exchange(HttpServletRequest request, HttpServletResponse response) {
    }

    interface SignIn {
        void signIn(Exchange exchange) throws Exception;
    }

    /** Makes a session and signs it in the way the library under test keeps a sign-in. */
    static final class Setup extends HttpServlet {
        private final transient SignIn signIn;

        Setup(SignIn signIn) {
            this.signIn = signIn;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getSession(true);
            try {
                signIn.signIn(new Exchange(request, response));
            } catch (Exception e) {
                throw new IOException(e);
            }
            response.setContentType("text/plain");
            response.getWriter().write("signed in\n");
        }
    }
}
