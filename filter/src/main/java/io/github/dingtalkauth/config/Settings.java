package io.github.dingtalkauth.config;

import io.github.dingtalkauth.DingTalkPrincipal.NameSource;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every setting of the filter, its type, default and meaning. The keys are the same in {@code web.xml} init-params
 * and in the properties file; {@code README.md} and {@code conf/dingtalk.properties} document the same list.
 */
public final class Settings {
    public static final Setting<String> APP_ID = Setting.required("appId", Parsers::text,
            "The AppKey (Client ID) of your DingTalk app.");
    public static final Setting<String> APP_SECRET = Setting.requiredSecret("appSecret", Parsers::text,
            "The AppSecret (Client Secret) of your DingTalk app. Prefer ${env:DINGTALK_APP_SECRET}.");
    public static final Setting<URI> REDIRECT_URI = Setting.optional("redirectUri", null, Parsers::url,
            "The callback URL exactly as registered with DingTalk, e.g. https://app.example.com/dingtalk/callback."
                    + " When absent it is derived from each request (a warning is logged at start-up).");
    public static final Setting<String> LOGIN_PATH = Setting.optional("loginPath", "/dingtalk/login", Parsers::path,
            "Starts a login; accepts ?returnTo=/relative/path.");
    public static final Setting<String> CALLBACK_PATH = Setting.optional("callbackPath", "/dingtalk/callback",
            Parsers::path, "Where DingTalk sends the browser back; must match redirectUri.");
    public static final Setting<String> LOGOUT_PATH = Setting.optional("logoutPath", "/dingtalk/logout",
            Parsers::path, "POST here to sign out.");
    public static final Setting<String> POST_LOGOUT_REDIRECT = Setting.optional("postLogoutRedirect", "/",
            Parsers::logoutTarget, "Where logout sends the browser: a path in the application or an absolute URL.");
    public static final Setting<String> SCOPE = Setting.optional("scope", "openid", Parsers::scope,
            "Space-separated DingTalk scopes: openid, or \"openid corpid\" to learn the organization.");
    public static final Setting<String> LABEL = Setting.optional("label", "DingTalk", Parsers::text,
            "Text of the sign-in button, offered to pages through DingTalkLinks.");
    public static final Setting<PathPatterns> EXCLUDE_PATHS = Setting.optional("excludePaths", "",
            PathPatterns::parse,
            "Comma-separated paths that need no login: / (root only), /exact, /prefix/*, *.ext.");
    public static final Setting<String> ERROR_PAGE = Setting.optional("errorPage", null, Parsers::path,
            "Your own error page; the reason code is in request attribute io.github.dingtalkauth.error.");
    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.optional("connectTimeout", "5s",
            Parsers::duration, "How long to wait for a connection to DingTalk.");
    public static final Setting<Duration> REQUEST_TIMEOUT = Setting.optional("requestTimeout", "10s",
            Parsers::duration, "Deadline for all calls to DingTalk in one callback, reading the bodies included.");
    public static final Setting<Duration> STATE_TTL = Setting.optional("stateTtl", "10m", Parsers::duration,
            "How long a started login may take before its state expires.");
    public static final Setting<Integer> MAX_PENDING_LOGINS = Setting.optional("maxPendingLogins", "8",
            Parsers.intBetween(1, 64), "Logins one browser may have in flight at once (tabs).");
    public static final Setting<URI> AUTHORIZE_URL = Setting.optional("authorizeUrl",
            "https://login.dingtalk.com/oauth2/auth", Parsers::url, "DingTalk's authorization page.");
    public static final Setting<URI> API_BASE_URL = Setting.optional("apiBaseUrl", "https://api.dingtalk.com",
            Parsers::baseUrl, "DingTalk's API (api.dingtalk.io for the international edition).");
    public static final Setting<URI> OAPI_BASE_URL = Setting.optional("oapiBaseUrl", "https://oapi.dingtalk.com",
            Parsers::baseUrl, "DingTalk's enterprise API: organization membership and the employee profile.");

    // Only the organization's people (see OrganizationSettings for how these depend on each other).
    public static final Setting<Set<String>> ALLOWED_CORP_IDS = Setting.optional("allowedCorpIds", null,
            Parsers::corpIds, "Comma-separated corpIds whose employees alone may sign in; asks DingTalk for"
                    + " scope \"openid corpid\", checks the corpId and the membership (getbyunionid).");
    public static final Setting<Boolean> EXCLUSIVE_LOGIN = Setting.optional("exclusiveLogin", null, Parsers::bool,
            "true: sign in with an organization's exclusive (专属) account; sent to DingTalk only when set.");
    public static final Setting<String> EXCLUSIVE_CORP_ID = Setting.optional("exclusiveCorpId", null,
            Parsers::corpId, "The organization of the exclusive accounts; sent to DingTalk only when set.");
    public static final Setting<Boolean> REQUIRE_ACTIVE = Setting.optional("requireActive", "false", Parsers::bool,
            "true: also refuse employees who have not activated DingTalk (needs allowedCorpIds).");
    public static final Setting<Boolean> EMPLOYEE_PROFILE = Setting.optional("employeeProfile", "false",
            Parsers::bool, "true: add the employee profile (userId, title, departments, …) to the principal;"
                    + " implied by allowedCorpIds.");
    public static final Setting<NameSource> PRINCIPAL_NAME = Setting.optional("principalName", "unionId",
            Parsers::principalName, "What getName() and getRemoteUser() return: unionId, userId (needs the employee"
                    + " profile) or openId.");

    // --- session lifetime (issue 8): maxSessionAge, memberRecheck ---
    public static final Setting<Duration> MAX_SESSION_AGE = Setting.optional("maxSessionAge", "12h",
            Parsers::duration, "How long a sign-in lasts; after it, pages sign in with DingTalk again, APIs get 401.");
    public static final Setting<Duration> MEMBER_RECHECK = Setting.optional("memberRecheck", "off",
            raw -> raw.equalsIgnoreCase("off") ? null : Parsers.duration(raw),
            "How often a signed-in person's membership is confirmed again, e.g. 1h; needs allowedCorpIds.");
    // --- end session lifetime ---

    // --- hardening (issue 9): the bulkhead, the login rate limit, cache headers ---
    public static final Setting<Integer> MAX_CONCURRENT_CALLS = Setting.optional("maxConcurrentCalls", "32",
            Parsers.intBetween(1, 10_000), "Sign-ins and membership re-checks that may wait on DingTalk at once;"
                    + " past it a callback gets 503 with Retry-After at once, and DingTalk is not called.");
    public static final Setting<RateLimit> LOGIN_RATE_LIMIT = Setting.optional("loginRateLimit", "off",
            Parsers::rateLimit, "Login starts one client address may make, e.g. 20/1m; past it 429 with Retry-After."
                    + " Off by default: a whole office often shares one address.");
    public static final Setting<Boolean> CACHE_CONTROL = Setting.optional("cacheControl", "true", Parsers::bool,
            "true: a signed-in response gets Cache-Control: no-cache, no-store, max-age=0, must-revalidate unless"
                    + " the application set its own.");
    // --- legacy flow (issue 10): flow, legacyLoginPage ---
    public static final Setting<SignInFlow> FLOW = Setting.optional("flow", "oauth2", SignInFlow::parse,
            "oauth2 (DingTalk's OAuth 2.0), or legacy: the qrconnect flow of GitLab's DingTalk provider, with the"
                    + " same openid (GitLab's uid).");
    public static final Setting<LegacyLoginPage> LEGACY_LOGIN_PAGE = Setting.optional("legacyLoginPage", "qr",
            LegacyLoginPage::parse, "With flow=legacy: qr (scan with the DingTalk app) or account (account and"
                    + " password).");
    public static final Setting<Edition> EDITION = Setting.optional("edition", "china", Edition::parse,
            "china, or international: DingTalk's international edition (login.dingtalk.io, api.dingtalk.io,"
                    + " oapi.dingtalk.io) for authorizeUrl, apiBaseUrl and oapiBaseUrl, unless they are set.");
    // --- end legacy flow ---
    // --- pages in the reader's language (issue 10): locale ---
    public static final Setting<String> LOCALE = Setting.optional("locale", "auto", Parsers::locale,
            "auto: each built-in page in the reader's language (Accept-Language), English when none of theirs has"
                    + " a messages file; or a language tag such as zh-CN or en that every page uses.");
    // --- end pages in the reader's language ---

    // --- QR code on the app's own page (issue 13 part 2): loginPage, qrLoginScriptUrl ---
    public static final Setting<LoginPage> LOGIN_PAGE = Setting.optional("loginPage", "redirect", LoginPage::parse,
            "redirect (straight to DingTalk), or qr: loginPath and anonymous page navigations show a page of the"
                    + " filter's own with DingTalk's QR code in place (needs flow=oauth2).");
    public static final Setting<URI> QR_LOGIN_SCRIPT_URL = Setting.optional("qrLoginScriptUrl",
            "https://g.alicdn.com/dingding/h5-dingtalk-login/0.21.0/ddlogin.js", Parsers::url,
            "DingTalk's embedded login script (DTFrameLogin), a pinned version; the QR page's CSP allows its origin.");
    // --- end QR code ---

    // --- in-app sign-in (issue 13): inside the DingTalk client, no click (免登) ---
    public static final Setting<Boolean> IN_APP_LOGIN = Setting.optional("inAppLogin", "false", Parsers::bool,
            "true: a page opened inside the DingTalk client signs in silently with an in-app code (needs"
                    + " allowedCorpIds); anywhere else, and when that fails, the ordinary redirect.");
    public static final Setting<String> IN_APP_PATH = Setting.optional("inAppPath", "/dingtalk/inapp", Parsers::path,
            "Where the in-app sign-in page POSTs its code.");
    public static final Setting<URI> JSAPI_URL = Setting.optional("jsapiUrl",
            "https://g.alicdn.com/dingding/dingtalk-jsapi/3.1.0/dingtalk.open.js", Parsers::url,
            "DingTalk's JS SDK (dingtalk-jsapi) that the in-app sign-in page loads; its origin is the only script"
                    + " origin the page's Content-Security-Policy allows.");
    public static final Setting<Duration> IN_APP_TIMEOUT = Setting.optional("inAppTimeout", "5s",
            Parsers::duration, "How long the in-app sign-in page waits for the SDK and its code before it falls"
                    + " back to the ordinary redirect.");
    // --- end in-app sign-in ---

    /** Names the properties file; read from init-params, else -Ddingtalk.configFile, else DINGTALK_CONFIG_FILE. */
    public static final Setting<String> CONFIG_FILE = Setting.optional("configFile", null, Parsers::text,
            "A properties file with these settings: a path, classpath:NAME or /WEB-INF/NAME.");

    public static final String CONFIG_FILE_PROPERTY = "dingtalk.configFile";
    public static final String CONFIG_FILE_ENV = "DINGTALK_CONFIG_FILE";

    /** Every setting that may appear in a properties file (all but {@link #CONFIG_FILE}). */
    public static final List<Setting<?>> ALL = List.of(APP_ID, APP_SECRET, REDIRECT_URI, LOGIN_PATH, CALLBACK_PATH,
            LOGOUT_PATH, POST_LOGOUT_REDIRECT, SCOPE, LABEL, EXCLUDE_PATHS, ERROR_PAGE, CONNECT_TIMEOUT,
            REQUEST_TIMEOUT, STATE_TTL, MAX_PENDING_LOGINS, AUTHORIZE_URL, API_BASE_URL, OAPI_BASE_URL,
            ALLOWED_CORP_IDS, EXCLUSIVE_LOGIN, EXCLUSIVE_CORP_ID, REQUIRE_ACTIVE, EMPLOYEE_PROFILE, PRINCIPAL_NAME,
            MAX_SESSION_AGE, MEMBER_RECHECK, MAX_CONCURRENT_CALLS, LOGIN_RATE_LIMIT, CACHE_CONTROL, FLOW,
            LEGACY_LOGIN_PAGE, EDITION, LOCALE, LOGIN_PAGE, QR_LOGIN_SCRIPT_URL, IN_APP_LOGIN, IN_APP_PATH,
            JSAPI_URL, IN_APP_TIMEOUT);

    private Settings() {
    }
}
