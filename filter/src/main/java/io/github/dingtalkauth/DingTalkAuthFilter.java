package io.github.dingtalkauth;

import io.github.dingtalkauth.client.BackChannel;
import io.github.dingtalkauth.client.CallLimiter;
import io.github.dingtalkauth.config.ConfigLoader;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.PathPatterns;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.flow.CallbackHandler;
import io.github.dingtalkauth.flow.Failures;
import io.github.dingtalkauth.flow.InAppLogin;
import io.github.dingtalkauth.flow.LoginStarter;
import io.github.dingtalkauth.flow.LogoutHandler;
import io.github.dingtalkauth.flow.MembershipProbe;
import io.github.dingtalkauth.flow.OrganizationStep;
import io.github.dingtalkauth.flow.PathGuard;
import io.github.dingtalkauth.flow.PendingLoginCookies;
import io.github.dingtalkauth.flow.SessionGuard;
import io.github.dingtalkauth.flow.SignInMode;
import io.github.dingtalkauth.flow.StateTokens;
import io.github.dingtalkauth.web.RequestKind;
import io.github.dingtalkauth.web.Responses;
import io.github.dingtalkauth.web.SignedInRequest;
import io.github.dingtalkauth.web.Texts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Signs users in with DingTalk. Map it to {@code /*}; it owns the login, callback and logout paths, lets excluded
 * paths through, and sends every other unauthenticated request to DingTalk (a page) or answers 401 (anything else).
 *
 * <p>Its settings come from one of two places, never both: the {@code web.xml} init-params (and the properties file
 * they or {@code -Ddingtalk.configFile} name), read by {@link #init} when the container created the filter from its
 * class; or a {@link DingTalkSettings} given to the constructor, for {@code ServletContext.addFilter} and Spring's
 * {@code FilterRegistrationBean}, in which case {@link #init} reads no init-param and no file. Start-up logs which.
 */
public class DingTalkAuthFilter implements Filter {
    private static final System.Logger LOG = System.getLogger("io.github.dingtalkauth");

    /** Null when the settings are to be read from the container in {@link #init}. */
    private final DingTalkSettings settings;
    /** Test doubles for the organization's answers; null in production. */
    private final MembershipProbe membershipProbe;
    private final Function<DingTalkPrincipal, Set<String>> roles;

    private DingTalkConfig config;
    private BackChannel backChannel;
    private PathPatterns excluded;
    private LoginStarter login;
    private InAppLogin inApp;
    private CallbackHandler callback;
    private LogoutHandler logout;
    private Failures failures;
    private ContextUrls urls;
    private SessionGuard sessions;
    private PathGuard paths;
    private boolean cacheControl;
    // Compared on every request: read from the settings once (a profile under load showed the three map lookups).
    private String loginPath;
    private String callbackPath;
    private String logoutPath;

    /** For {@code web.xml}: the settings are the filter's init-params, read in {@link #init}. */
    public DingTalkAuthFilter() {
        this.settings = null;
        this.membershipProbe = null;
        this.roles = null;
    }

    /** For registration in code: these settings are all there is; {@link #init} reads no init-param and no file. */
    public DingTalkAuthFilter(DingTalkSettings settings) {
        this(settings, null, null);
    }

    /** For tests: the organization's answers (membership re-check, roles) come from these doubles. */
    DingTalkAuthFilter(DingTalkSettings settings, MembershipProbe membershipProbe,
                       Function<DingTalkPrincipal, Set<String>> roles) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.membershipProbe = membershipProbe;
        this.roles = roles;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        Clock clock;
        if (settings != null) {
            config = settings.config();
            clock = settings.clock();
            logIgnoredInitParams(filterConfig);
        } else {
            config = readContainerSettings(filterConfig);
            clock = Clock.systemUTC();
        }
        String errorPage = config.get(Settings.ERROR_PAGE);
        excluded = errorPage == null ? config.get(Settings.EXCLUDE_PATHS)
                : config.get(Settings.EXCLUDE_PATHS).plusExact(errorPage);
        backChannel = new BackChannel(config.get(Settings.CONNECT_TIMEOUT));
        CallLimiter calls = new CallLimiter(config.get(Settings.MAX_CONCURRENT_CALLS));
        OrganizationStep organization = OrganizationStep.create(config, backChannel);
        SignInMode mode = SignInMode.of(config, backChannel, organization); // flow: oauth2 or legacy
        try {
            sessions = SessionGuard.of(config,
                    membershipProbe != null ? membershipProbe : organization.membershipProbe(), clock, calls);
        } catch (ConfigException e) {
            throw refused(e);
        }
        Texts texts = texts(config);
        paths = new PathGuard(config.pathRoleRules(), roles != null ? roles : DingTalkPrincipal::getRoles, texts);
        failures = new Failures(errorPage, config.loginPath(), texts);
        PendingLoginCookies pending = new PendingLoginCookies(config.appSecret(), config.stateTtl(),
                config.get(Settings.MAX_PENDING_LOGINS));
        login = new LoginStarter(config, mode, new StateTokens(), clock, failures, pending);
        inApp = InAppLogin.of(config, login, organization, failures, clock, calls); // inAppLogin: 免登 in the client
        callback = new CallbackHandler(config, mode, failures, clock, calls, pending);
        cacheControl = config.get(Settings.CACHE_CONTROL);
        loginPath = config.loginPath();
        callbackPath = config.callbackPath();
        logoutPath = config.logoutPath();
        logout = new LogoutHandler(config, failures, texts);
        urls = urlsFor(filterConfig.getServletContext().getContextPath());
        DeploymentWarnings.log(config, filterConfig.getServletContext());
        String origin = settings != null ? "code (" + config.origin() + ")" : config.origin();
        LOG.log(Level.INFO, "DingTalk login ready, settings from " + origin + ": " + config.maskedValues());
    }

    private static DingTalkConfig readContainerSettings(FilterConfig filterConfig) throws ServletException {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(filterConfig.getInitParameterNames())) {
            params.put(name, filterConfig.getInitParameter(name));
        }
        try {
            return ConfigLoader.load(filterConfig.getFilterName(), params,
                    filterConfig.getServletContext()::getResourceAsStream, System::getenv, System::getProperty);
        } catch (ConfigException e) {
            throw refused(e);
        }
    }

    /** The pages' languages; refuses to start when {@code locale} forces one that has no messages file. */
    private static Texts texts(DingTalkConfig config) throws ServletException {
        try {
            return Texts.create(config.get(Settings.LOCALE));
        } catch (ConfigException e) {
            throw refused(e);
        }
    }

    private static ServletException refused(ConfigException e) {
        LOG.log(Level.ERROR, e.getMessage());
        return new ServletException(e.getMessage(), e);
    }

    /** Settings from code win wholly; say so when a registration also carries init-params (names only). */
    private static void logIgnoredInitParams(FilterConfig filterConfig) {
        List<String> names = Collections.list(filterConfig.getInitParameterNames());
        if (!names.isEmpty()) {
            LOG.log(Level.INFO, "DingTalk login: the filter was given its settings in code, so init-params "
                    + String.join(", ", names) + " of filter '" + filterConfig.getFilterName() + "' are not read");
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        DispatcherType dispatch = request.getDispatcherType();
        if (dispatch != null && dispatch != DispatcherType.REQUEST) {
            redispatch(request, response, chain);
            return;
        }
        String path = pathOf(request);

        if (path.equals(loginPath)) {
            if ("GET".equals(request.getMethod())) {
                login.startExplicit(request, response);
            } else {
                failures.methodNotAllowed(request, response, "GET", "login");
            }
        } else if (path.equals(callbackPath)) {
            callback.handle(request, response);
        } else if (path.equals(logoutPath)) {
            logout.handle(request, response);
        } else if (inApp.owns(path)) {
            inApp.handle(request, response);
        } else {
            ContextUrls here = urlsFor(request);
            DingTalkPrincipal principal = DingTalkPrincipal.find(request);
            if (principal != null && sessions.keeps(request, principal)) { // maxSessionAge, memberRecheck
                serveSignedIn(request, response, chain, principal, path, here.links());
            } else {
                serveAnonymous(request, response, chain, path, here);
            }
        }
    }

    /** An excluded path goes on, a page navigation starts a sign-in, anything else gets 401. */
    private void serveAnonymous(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                String path, ContextUrls here) throws IOException, ServletException {
        request.setAttribute(DingTalkLinks.REQUEST_ATTRIBUTE, here.links()); // for a signed-in user the wrapper has it
        if (excluded.matches(path) && !paths.names(path)) { // a require.* rule overrides excludePaths
            chain.doFilter(request, response);
        } else if (RequestKind.isNavigation(request)) {
            inApp.startFor(request, response); // the redirect; inside DingTalk's client, the in-app page
        } else {
            Responses.unauthorized(response, here.unauthorizedBody());
        }
    }

    /**
     * An ASYNC or ERROR dispatch (FORWARD and INCLUDE too, if someone maps them) of a request the REQUEST dispatch
     * already judged: the signed-in user is made visible again, and nothing else applies (no login start, no own
     * path, no 401, no rule), so that an async servlet's {@code dispatch()} and an error page see who is signed in.
     */
    private void redispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        DingTalkPrincipal principal = DingTalkPrincipal.find(request);
        boolean wrapped = principal == null || request.getUserPrincipal() == principal;
        chain.doFilter(wrapped ? request : new SignedInRequest(request, principal, urlsFor(request).links()), response);
    }

    /** The path's role rules, no shared caching of a page meant for one person, then the app with the user visible. */
    private void serveSignedIn(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                               DingTalkPrincipal principal, String path, DingTalkLinks links)
            throws IOException, ServletException {
        if (!paths.admits(request, response, principal, path)) {
            return; // a require.* rule answered 403
        }
        if (cacheControl) {
            Responses.uncacheableUnlessSet(response);
        }
        chain.doFilter(new SignedInRequest(request, principal, links), response);
    }

    @Override
    public void destroy() {
        if (backChannel != null) {
            backChannel.close();
        }
    }

    /** The path inside the application, decoded and normalised by the container. Allocates nothing. */
    private static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if (pathInfo == null) {
            // Tomcat maps a request for the context root to its welcome file before any filter runs (servlet path
            // "/index.html"); it is still the root, which excludePaths "/" names.
            String uri = request.getRequestURI();
            String context = request.getContextPath();
            if (uri.length() == context.length() + 1 && uri.endsWith("/") && uri.startsWith(context)) {
                return "/";
            }
            return servletPath == null || servletPath.isEmpty() ? "/" : servletPath;
        }
        return servletPath == null || servletPath.isEmpty() ? pathInfo : servletPath + pathInfo;
    }

    /**
     * What depends only on the context path, made once: a filter serves one context, so per request this is a
     * string comparison, not a few allocations (and a JSON provider lookup for every 401).
     */
    private record ContextUrls(String contextPath, DingTalkLinks links, String unauthorizedBody) {
    }

    /** The links of the request's context: the ones made at init(), unless the filter serves another context path. */
    private ContextUrls urlsFor(HttpServletRequest request) {
        return urls.contextPath().equals(request.getContextPath()) ? urls : urlsFor(request.getContextPath());
    }

    private ContextUrls urlsFor(String contextPath) {
        String loginUrl = contextPath + config.loginPath();
        return new ContextUrls(contextPath,
                new DingTalkLinks(config.get(Settings.LABEL), loginUrl, contextPath + config.logoutPath()),
                Responses.unauthorizedBody(loginUrl));
    }
}
