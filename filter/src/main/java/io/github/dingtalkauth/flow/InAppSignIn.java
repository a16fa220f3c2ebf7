package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.client.CallLimiter;
import io.github.dingtalkauth.client.Deadline;
import io.github.dingtalkauth.client.DingTalkApiException;
import io.github.dingtalkauth.client.OrgDirectory;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.web.InAppPage;
import io.github.dingtalkauth.web.Responses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Silent sign-in inside DingTalk's client (免登, protocol §6.4). A navigation whose user agent names {@code DingTalk}
 * gets the {@link InAppPage}, with a one-time token: a pending login in this browser's cookie (the same signed cookies
 * as the redirect's, under a key of their own) whose state the page's form carries. The POST to {@code inAppPath}
 * must bring that token back, once, or it is refused before DingTalk is called; then, under a permit of the filter's
 * bulkhead, the code is redeemed once ({@code topapi/v2/user/getuserinfo}), the {@link OrganizationStep} admits the
 * person, and they are signed in on a new session id. DingTalk refusing the code (40078, 40079, 50002) sends the
 * browser once to the ordinary login, which never shows this page, so nothing loops.
 */
final class InAppSignIn implements InAppLogin {
    private static final System.Logger LOG = System.getLogger("io.github.dingtalkauth");
    /** Unknown, expired or used code; no authorization; outside the app's visible range. */
    static final Set<String> FALL_BACK_ON = Set.of("40078", "40079", "50002");
    private static final int MAX_CODE_LENGTH = 256;

    private final DingTalkConfig config;
    private final LoginStarter login;
    private final OrganizationStep organization;
    private final OrgDirectory directory;
    private final Failures failures;
    private final Clock clock;
    private final CallLimiter calls;
    private final InAppPage page;
    private final PendingLoginCookies tokens;
    private final StateTokens states = new StateTokens();
    private final SpentStates spent = new SpentStates();
    private final SignInLocks signInLocks = new SignInLocks(64);
    private final Duration requestTimeout;

    private InAppSignIn(DingTalkConfig config, LoginStarter login, OrganizationStep organization, Failures failures,
                        Clock clock, CallLimiter calls) {
        this.config = config;
        this.login = login;
        this.organization = organization;
        this.directory = organization.directory(); // present: inAppLogin needs allowedCorpIds
        this.failures = failures;
        this.clock = clock;
        this.calls = calls;
        this.page = new InAppPage(config.get(Settings.JSAPI_URL), config.get(Settings.AUTHORIZE_URL), config.appId(),
                config.get(Settings.IN_APP_TIMEOUT).toMillis());
        this.tokens = PendingLoginCookies.forInApp(config.appSecret(), config.stateTtl(),
                config.get(Settings.MAX_PENDING_LOGINS));
        this.requestTimeout = config.get(Settings.REQUEST_TIMEOUT);
    }

    static InAppSignIn create(DingTalkConfig config, LoginStarter login, OrganizationStep organization,
                              Failures failures, Clock clock, CallLimiter calls) {
        return new InAppSignIn(config, login, organization, failures, clock, calls);
    }

    @Override
    public boolean owns(String path) {
        return path.equals(config.get(Settings.IN_APP_PATH));
    }

    /** Inside the client, with an organization to ask for: the page; anything else: the redirect. */
    @Override
    public void startFor(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String corpId = corpIdFor(request);
        if (!"GET".equals(request.getMethod()) || !fromClient(request) || corpId == null) {
            login.startFor(request, response);
            return;
        }
        String target = login.returnTargetOf(request);
        String token = states.next();
        tokens.issue(request, response, token, new PendingLogin(target, clock.instant()));
        page.write(response, failures.messages(request), corpId,
                request.getContextPath() + config.get(Settings.IN_APP_PATH), token,
                loginUrl(request, target));
    }

    static boolean fromClient(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        return agent != null && agent.contains("DingTalk");
    }

    /**
     * The one allowed organization; with several, the {@code corpId} the workbench put in the URL ({@code $CORPID$})
     * when it is one of them; else null.
     */
    private String corpIdFor(HttpServletRequest request) {
        Set<String> allowed = config.get(Settings.ALLOWED_CORP_IDS);
        if (allowed.size() == 1) {
            return allowed.iterator().next();
        }
        String asked = request.getParameter("corpId");
        return asked != null && allowed.contains(asked) ? asked : null;
    }

    private String loginUrl(HttpServletRequest request, String target) {
        return request.getContextPath() + config.loginPath() + "?returnTo=" + AuthorizeQuery.encode(target);
    }

    /** {@code POST inAppPath} with {@code state} (the token) and {@code code}. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            failures.methodNotAllowed(request, response, "POST", "in-app sign-in");
            return;
        }
        String token = single(request, "state");
        PendingLogin pending = token == null ? null : tokens.find(request, token);
        if (pending == null) {
            failures.send(request, response, Reason.IN_APP_TOKEN_INVALID,
                    token == null ? "token=missing" : "token=unknown");
            return;
        }
        // As at the callback: the permit first, so that a POST refused for want of one keeps its token.
        try (CallLimiter.Permit permit = calls.tryAcquire()) {
            if (permit == null) {
                failures.providerBusy(request, response);
                return;
            }
            spendAndSignIn(request, response, token, pending);
        }
    }

    private void spendAndSignIn(HttpServletRequest request, HttpServletResponse response, String token,
                                PendingLogin pending) throws IOException, ServletException {
        Instant now = clock.instant();
        boolean expired = pending.isExpired(now, config.stateTtl());
        if (!spent.spend(token, pending, expired, config.stateTtl(), now)) {
            failures.send(request, response, Reason.IN_APP_TOKEN_INVALID, "token=used");
            return;
        }
        tokens.clear(request, response, token);
        if (expired) {
            fallBack(request, response, pending.returnTarget(), "token expired");
            return;
        }
        String code = single(request, "code");
        if (code == null || code.isEmpty()) {
            failures.send(request, response, Reason.CODE_MISSING, "(in-app)");
        } else if (code.length() > MAX_CODE_LENGTH || !isPrintable(code)) {
            failures.send(request, response, Reason.CODE_INVALID, "(in-app)");
        } else {
            exchangeAndSignIn(request, response, code, pending.returnTarget());
        }
    }

    private void exchangeAndSignIn(HttpServletRequest request, HttpServletResponse response, String code,
                                   String target) throws IOException, ServletException {
        AuthSession existing = AuthSession.existing(request);
        DingTalkPrincipal principal;
        try {
            Deadline deadline = Deadline.in(requestTimeout);
            principal = organization.admitByMembership(directory.inAppUser(code, deadline), deadline);
        } catch (DingTalkApiException e) {
            if (refusedCode(e)) {
                fallBack(request, response, target, e.getMessage());
            } else {
                failures.send(request, response, Reason.of(e), e.getMessage());
            }
            return;
        } catch (SignInRefused refused) {
            failures.send(request, response, refused.reason(), refused.detail());
            return;
        }
        if (!SessionSignIn.signInLocked(signInLocks, request, existing, principal, clock.instant(), s -> { })) {
            failures.send(request, response, Reason.STATE_UNKNOWN, "session ended during in-app sign-in");
            return;
        }
        LOG.log(Level.INFO, "DingTalk in-app sign-in: unionId=" + principal.getUnionId());
        Responses.redirect(response, HttpServletResponse.SC_SEE_OTHER, request.getContextPath() + target);
    }

    static boolean refusedCode(DingTalkApiException e) {
        return OrgDirectory.IN_APP_STEP.equals(e.step()) && e.kind() == DingTalkApiException.Kind.ERROR_STATUS
                && FALL_BACK_ON.contains(e.providerCode());
    }

    /** Once to the ordinary login, which never serves the in-app page: no loop. */
    private void fallBack(HttpServletRequest request, HttpServletResponse response, String target, String why) {
        LOG.log(Level.INFO, "DingTalk in-app sign-in fell back to the redirect: " + why);
        Responses.redirect(response, HttpServletResponse.SC_SEE_OTHER, loginUrl(request, target));
    }

    /** The parameter's value when it was sent exactly once; null otherwise. */
    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null || values.length != 1 ? null : values[0];
    }

    private static boolean isPrintable(String code) {
        return code.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
