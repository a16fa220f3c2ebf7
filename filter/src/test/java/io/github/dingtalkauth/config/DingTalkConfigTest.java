package io.github.dingtalkauth.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed settings from layered sources: defaults, placeholders, validation and the messages of its failures. */
class DingTalkConfigTest {
    static final String SECRET = "CANARY-SECRET-7f3a";
    static final UnaryOperator<String> NONE = name -> null;

    static Map<String, String> minimal(String... more) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("appId", "dingappkey123");
        values.put("appSecret", SECRET);
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return values;
    }

    static DingTalkConfig load(Map<String, String> values) {
        return load(values, NONE, NONE);
    }

    static DingTalkConfig load(Map<String, String> values, UnaryOperator<String> env, UnaryOperator<String> sys) {
        return DingTalkConfig.load(List.of(new ConfigSource("init-param of filter 'dingtalk'", values)), env, sys);
    }

    static String failure(Map<String, String> values) {
        return failure(values, NONE, NONE);
    }

    static String failure(Map<String, String> values, UnaryOperator<String> env, UnaryOperator<String> sys) {
        String message = assertThrows(ConfigException.class, () -> load(values, env, sys)).getMessage();
        assertFalse(message.contains(SECRET), () -> "the message leaks the secret: " + message);
        return message;
    }

    @Test
    void defaultsApplyWhenOnlyTheRequiredSettingsAreGiven() {
        DingTalkConfig config = load(minimal());
        assertAll(
                () -> assertEquals("dingappkey123", config.appId()),
                () -> assertEquals(SECRET, config.appSecret()),
                () -> assertNull(config.redirectUri()),
                () -> assertEquals("/dingtalk/login", config.loginPath()),
                () -> assertEquals("/dingtalk/callback", config.callbackPath()),
                () -> assertEquals("/dingtalk/logout", config.logoutPath()),
                () -> assertEquals("/", config.get(Settings.POST_LOGOUT_REDIRECT)),
                () -> assertEquals("openid", config.get(Settings.SCOPE)),
                () -> assertEquals("DingTalk", config.get(Settings.LABEL)),
                () -> assertNull(config.get(Settings.ERROR_PAGE)),
                () -> assertEquals(Duration.ofSeconds(5), config.get(Settings.CONNECT_TIMEOUT)),
                () -> assertEquals(Duration.ofSeconds(10), config.get(Settings.REQUEST_TIMEOUT)),
                () -> assertEquals(Duration.ofMinutes(10), config.stateTtl()),
                () -> assertEquals(8, config.get(Settings.MAX_PENDING_LOGINS)),
                () -> assertEquals(URI.create("https://login.dingtalk.com/oauth2/auth"),
                        config.get(Settings.AUTHORIZE_URL)),
                () -> assertEquals(URI.create("https://api.dingtalk.com"), config.get(Settings.API_BASE_URL)),
                () -> assertFalse(config.get(Settings.EXCLUDE_PATHS).matches("/anything")));
    }

    @Test
    void theFirstSourceThatHasAKeyWins() {
        ConfigSource first = new ConfigSource("init-param of filter 'dingtalk'", Map.of("label", "First"));
        ConfigSource second = new ConfigSource("file /x.properties",
                minimal("label", "Second", "scope", "openid corpid"));
        DingTalkConfig config = DingTalkConfig.load(List.of(first, second), NONE, NONE);
        assertEquals("First", config.get(Settings.LABEL));
        assertEquals("openid corpid", config.get(Settings.SCOPE));
    }

    @Test
    void envPlaceholderIsExpanded() {
        DingTalkConfig config = load(minimal("appSecret", "${env:DINGTALK_APP_SECRET}"),
                name -> name.equals("DINGTALK_APP_SECRET") ? "from-env" : null, NONE);
        assertEquals("from-env", config.appSecret());
    }

    @Test
    void sysPlaceholderIsExpanded() {
        DingTalkConfig config = load(minimal("appId", "${sys:dingtalk.appId}"), NONE,
                name -> name.equals("dingtalk.appId") ? "from-sys" : null);
        assertEquals("from-sys", config.appId());
    }

    @Test
    void envPlaceholderDefaultIsUsedOnlyWhenTheVariableIsUnset() {
        Map<String, String> values = minimal("label", "${env:LABEL:-钉钉登录}");
        assertEquals("钉钉登录", load(values).get(Settings.LABEL));
        assertEquals("Set", load(values, name -> name.equals("LABEL") ? "Set" : null, NONE).get(Settings.LABEL));
    }

    @Test
    void placeholdersMayBeEmbeddedInText() {
        DingTalkConfig config = load(minimal("redirectUri", "https://${env:HOST}/dingtalk/callback"),
                name -> name.equals("HOST") ? "app.example.com" : null, NONE);
        assertEquals(URI.create("https://app.example.com/dingtalk/callback"), config.redirectUri());
    }

    @Test
    void unresolvedPlaceholderNamesTheKeySourceAndVariableButNoValue() {
        String message = failure(minimal("appSecret", "${env:DINGTALK_APP_SECRET}"),
                name -> name.equals("OTHER") ? SECRET : null, NONE);
        assertTrue(message.contains("'appSecret'"), message);
        assertTrue(message.contains("init-param of filter 'dingtalk'"), message);
        assertTrue(message.contains("environment variable DINGTALK_APP_SECRET"), message);
    }

    @Test
    void unresolvedSysPlaceholderNamesTheSystemProperty() {
        String message = failure(minimal("appId", "${sys:dingtalk.appId}"));
        assertTrue(message.contains("'appId'") && message.contains("system property dingtalk.appId"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${ENV:SECRET}", "${secret}", "${env:}", "abc${env:X"})
    void unsupportedPlaceholderIsAnErrorNotALiteral(String raw) {
        String message = failure(minimal("appSecret", raw), name -> "resolved", NONE);
        assertTrue(message.contains("'appSecret'") && message.contains("unsupported placeholder"), message);
        assertFalse(message.contains(raw), message);
    }

    @Test
    void aPlaceholderValueIsNotExpandedAgain() {
        DingTalkConfig config = load(minimal("label", "${env:A}"),
                name -> name.equals("A") ? "${env:B}" : "deeper", NONE);
        assertEquals("${env:B}", config.get(Settings.LABEL));
    }

    @Test
    void unknownKeyFailsNamingItAndItsSource() {
        Map<String, String> values = minimal();
        values.put("appSecert", "typo-value");
        String message = failure(values);
        assertTrue(message.contains("unknown setting 'appSecert' in init-param of filter 'dingtalk'"), message);
        assertFalse(message.contains("typo-value"), message);
    }

    @Test
    void unknownKeyNearAKnownOneSuggestsIt() {
        String message = failure(minimal("requestTimout", "5s"));
        assertTrue(message.contains("unknown setting 'requestTimout' in init-param of filter 'dingtalk'; did you mean"
                + " 'requestTimeout'?"), message);
        assertFalse(message.contains("known:"), message);
    }

    @Test
    void unknownKeyFarFromEveryKnownOneListsThemAll() {
        String message = failure(minimal("colour", "blue"));
        assertTrue(message.contains("unknown setting 'colour' in init-param of filter 'dingtalk' (known: allowedCorpIds,"),
                message);
        assertFalse(message.contains("did you mean"), message);
    }

    @Test
    void unknownKeyInAFileNamesTheFile() {
        ConfigSource params = new ConfigSource("init-param of filter 'dingtalk'", minimal());
        ConfigSource file = new ConfigSource("file /etc/dingtalk.properties", Map.of("lable", "x"));
        String message = assertThrows(ConfigException.class,
                () -> DingTalkConfig.load(List.of(params, file), NONE, NONE)).getMessage();
        assertTrue(message.contains("unknown setting 'lable' in file /etc/dingtalk.properties"), message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String message = failure(minimal("connectTimeout", "soon", "maxPendingLogins", "many"));
        assertTrue(message.contains("'connectTimeout'") && message.contains("'maxPendingLogins'"), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "connectTimeout    | 5 seconds",
        "requestTimeout    | 10",
        "stateTtl          | 0s",
        "stateTtl          | -1m",
        "stateTtl          | 1d",
        "maxPendingLogins  | eight",
        "maxPendingLogins  | 0",
        "maxPendingLogins  | 65",
        "maxPendingLogins  | 2.5",
        "authorizeUrl      | not a url",
        "authorizeUrl      | login.dingtalk.com/oauth2/auth",
        "authorizeUrl      | ftp://login.dingtalk.com/oauth2/auth",
        "authorizeUrl      | https://user:pw@login.dingtalk.com/oauth2/auth",
        "authorizeUrl      | https://login.dingtalk.com/oauth2/auth#frag",
        "apiBaseUrl        | https://api.dingtalk.com?x=1",
        "redirectUri       | /dingtalk/callback",
        "loginPath         | dingtalk/login",
        "loginPath         | /",
        "callbackPath      | //evil/callback",
        "callbackPath      | /a/../dingtalk/callback",
        "errorPage         | /public/./error",
        "logoutPath        | /dingtalk/log out",
        "errorPage         | error.html",
        "scope             | 'openid,corpid'",
        "scope             | 'openid, corpid'",
        "scope             | corpid",
        "scope             | 'openid <x>'",
        "excludePaths      | 'static/*'",
        "excludePaths      | /a*b",
        "postLogoutRedirect| javascript:alert(1)",
        "postLogoutRedirect| //evil.test",
        "postLogoutRedirect| '/\\evil.test'",
    })
    void malformedSettingFailsNamingTheKey(String key, String value) {
        String message = failure(minimal(key, value));
        assertTrue(message.contains("setting '" + key + "' in init-param of filter 'dingtalk'"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"authorizeUrl", "apiBaseUrl", "redirectUri"})
    void plainHttpIsRefusedOffLoopback(String key) {
        for (String url : List.of("http://login.example.com/x", "http://127.0.0.1.evil.test/x",
                "http://10.0.0.1/x", "http://localhost.evil.test/x", "http://127.0.0.1.5/x")) {
            String message = failure(minimal(key, url));
            assertTrue(message.contains("'" + key + "'") && message.contains("https"), message);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"authorizeUrl", "apiBaseUrl", "redirectUri"})
    void plainHttpIsAllowedOnLoopback(String key) {
        for (String url : List.of("http://localhost:8080/x", "http://127.0.0.1:9/x", "http://127.1.2.3/x",
                "http://[::1]:8080/x")) {
            assertEquals(URI.create(url), load(minimal(key, url)).get(Settings.ALL.stream()
                    .filter(s -> s.name().equals(key)).findFirst().orElseThrow()));
        }
    }

    @Test
    void apiBaseUrlLosesItsTrailingSlash() {
        assertEquals(URI.create("https://api.dingtalk.io"),
                load(minimal("apiBaseUrl", "https://api.dingtalk.io/")).get(Settings.API_BASE_URL));
    }

    @Test
    void durationsAcceptEveryUnit() {
        DingTalkConfig config = load(minimal("connectTimeout", "500ms", "requestTimeout", "2 S", "stateTtl", "1h"));
        assertEquals(Duration.ofMillis(500), config.get(Settings.CONNECT_TIMEOUT));
        assertEquals(Duration.ofSeconds(2), config.get(Settings.REQUEST_TIMEOUT));
        assertEquals(Duration.ofHours(1), config.stateTtl());
    }

    @Test
    void scopeIsNormalisedToSingleSpaces() {
        assertEquals("openid corpid", load(minimal("scope", "  openid   corpid ")).get(Settings.SCOPE));
    }

    @Test
    void postLogoutRedirectAcceptsAPathOrAnAbsoluteUrl() {
        assertEquals("/bye?x=1", load(minimal("postLogoutRedirect", "/bye?x=1")).get(Settings.POST_LOGOUT_REDIRECT));
        assertEquals("https://www.example.com/",
                load(minimal("postLogoutRedirect", "https://www.example.com/")).get(Settings.POST_LOGOUT_REDIRECT));
    }

    @Test
    void missingAppIdFails() {
        Map<String, String> values = minimal();
        values.remove("appId");
        String message = failure(values);
        assertTrue(message.contains("setting 'appId' is required but missing"), message);
        assertTrue(message.contains("looked in: init-param of filter 'dingtalk'"), message);
    }

    @Test
    void missingAppSecretFails() {
        Map<String, String> values = minimal();
        values.remove("appSecret");
        assertTrue(failure(values).contains("setting 'appSecret' is required but missing"));
    }

    @Test
    void blankAppSecretCountsAsMissingAndSaysWhereItWasEmpty() {
        String message = failure(minimal("appSecret", "   "));
        assertTrue(message.contains("setting 'appSecret' is required but missing (empty in init-param of filter"),
                message);
    }

    @Test
    void appSecretFromAnEmptyEnvironmentVariableCountsAsMissing() {
        String message = failure(minimal("appSecret", "${env:S}"), name -> "", NONE);
        assertTrue(message.contains("'appSecret' is required but missing"), message);
    }

    @Test
    void ownPathsMustDiffer() {
        String message = failure(minimal("loginPath", "/auth", "logoutPath", "/auth"));
        assertTrue(message.contains("'loginPath', 'callbackPath' and 'logoutPath' must be three different paths"),
                message);
    }

    @Test
    void toStringMasksTheSecret() {
        String text = load(minimal()).toString();
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("appSecret=****"), text);
        assertTrue(text.contains("appId=dingappkey123"), text);
    }
}
