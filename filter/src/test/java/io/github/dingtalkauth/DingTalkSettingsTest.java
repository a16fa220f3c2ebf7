package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.config.ConfigLoader;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings given in code: the same keys, the same checks and the same messages as web.xml and the file. */
class DingTalkSettingsTest {
    static final String SECRET = "CANARY-SECRET-7f3a";
    static final String BUILDER = "DingTalkSettings.builder()";
    static final String WEB_XML = "init-param of filter 'dingtalk'";

    @TempDir
    Path dir;

    static DingTalkSettings.Builder minimal() {
        return DingTalkSettings.builder().appId("dingappkey123").appSecret(SECRET);
    }

    static String failure(DingTalkSettings.Builder builder) {
        String message = assertThrows(ConfigException.class, builder::build).getMessage();
        assertFalse(message.contains(SECRET), message);
        return message;
    }

    /** What the filter says at init for these init-params, with the source named as the builder names itself. */
    static String webXmlFailure(Map<String, String> params) {
        String message = assertThrows(ConfigException.class, () -> ConfigLoader.load("dingtalk", params,
                path -> null, System::getenv, System::getProperty)).getMessage();
        return message.replace(WEB_XML, BUILDER);
    }

    static Map<String, String> minimalParams(String key, String value) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("appId", "dingappkey123");
        params.put("appSecret", SECRET);
        params.put(key, value);
        return params;
    }

    @Test
    void typedMethodsGiveTheValuesTheFileKeysGive() {
        DingTalkConfig config = minimal()
                .redirectUri("https://app.example.com/dingtalk/callback")
                .excludePaths("/", "/public/*", "*.css")
                .scope("openid", "corpid")
                .label("钉钉登录")
                .stateTtl(Duration.ofSeconds(90))
                .requestTimeout(Duration.ofMillis(1500))
                .connectTimeout(Duration.ofHours(2))
                .maxPendingLogins(3)
                .build().config();
        assertEquals(URI.create("https://app.example.com/dingtalk/callback"), config.redirectUri());
        assertTrue(config.get(Settings.EXCLUDE_PATHS).matches("/public/x"), config::toString);
        assertTrue(config.get(Settings.EXCLUDE_PATHS).matches("/a.css"), config::toString);
        assertFalse(config.get(Settings.EXCLUDE_PATHS).matches("/private"), config::toString);
        assertEquals("openid corpid", config.get(Settings.SCOPE));
        assertEquals("钉钉登录", config.get(Settings.LABEL));
        assertEquals(Duration.ofSeconds(90), config.stateTtl());
        assertEquals(Duration.ofMillis(1500), config.get(Settings.REQUEST_TIMEOUT));
        assertEquals(Duration.ofHours(2), config.get(Settings.CONNECT_TIMEOUT));
        assertEquals(3, config.get(Settings.MAX_PENDING_LOGINS));
    }

    @Test
    void pathAndUrlMethodsSetTheirKeys() {
        DingTalkConfig config = minimal().loginPath("/in").callbackPath("/back").logoutPath("/out")
                .postLogoutRedirect("/bye").errorPage("/oops")
                .authorizeUrl("http://127.0.0.1:9000/oauth2/auth").apiBaseUrl("http://127.0.0.1:9000/")
                .build().config();
        assertEquals("/in", config.loginPath());
        assertEquals("/back", config.callbackPath());
        assertEquals("/out", config.logoutPath());
        assertEquals("/bye", config.get(Settings.POST_LOGOUT_REDIRECT));
        assertEquals("/oops", config.get(Settings.ERROR_PAGE));
        assertEquals(URI.create("http://127.0.0.1:9000/oauth2/auth"), config.get(Settings.AUTHORIZE_URL));
        assertEquals(URI.create("http://127.0.0.1:9000"), config.get(Settings.API_BASE_URL));
    }

    @Test
    void organizationMethodsSetTheirKeys() {
        DingTalkConfig config = minimal().oapiBaseUrl("http://127.0.0.1:9000/oapi")
                .allowedCorpIds("dingcorpA", "dingcorpB").requireActive(true).principalName("userId")
                .exclusiveLogin(true).exclusiveCorpId("dingcorpA").employeeProfile(false)
                .build().config();
        assertEquals(URI.create("http://127.0.0.1:9000/oapi"), config.get(Settings.OAPI_BASE_URL));
        assertEquals(List.of("dingcorpA", "dingcorpB"), List.copyOf(config.get(Settings.ALLOWED_CORP_IDS)));
        assertTrue(config.get(Settings.REQUIRE_ACTIVE));
        assertEquals(DingTalkPrincipal.NameSource.USER_ID, config.get(Settings.PRINCIPAL_NAME));
        assertTrue(config.get(Settings.EXCLUSIVE_LOGIN));
        assertEquals("dingcorpA", config.get(Settings.EXCLUSIVE_CORP_ID));
        assertTrue(config.employeeProfile(), "implied by allowedCorpIds");
    }

    @Test
    void theGenericSetterTakesTextAsAPropertiesFileWould() {
        DingTalkConfig config = minimal().set("stateTtl", "5m").set("maxPendingLogins", "4").build().config();
        assertEquals(Duration.ofMinutes(5), config.stateTtl());
        assertEquals(4, config.get(Settings.MAX_PENDING_LOGINS));
    }

    @Test
    void aNullValueRemovesTheKeyAgain() {
        DingTalkConfig config = minimal().label("Temporary").label(null).build().config();
        assertEquals("DingTalk", config.get(Settings.LABEL));
    }

    @Test
    void changingTheBuilderAfterBuildLeavesTheSettingsAlone() {
        DingTalkSettings.Builder builder = minimal().label("First");
        DingTalkSettings first = builder.build();
        builder.label("Second");
        assertEquals("First", first.config().get(Settings.LABEL));
        assertEquals("Second", builder.build().config().get(Settings.LABEL));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "stateTtl          | forever",
        "stateTtl          | 0s",
        "maxPendingLogins  | 65",
        "authorizeUrl      | ftp://login.dingtalk.com/oauth2/auth",
        "apiBaseUrl        | https://api.dingtalk.com?x=1",
        "redirectUri       | http://app.example.com/dingtalk/callback",
        "loginPath         | dingtalk/login",
        "errorPage         | error.html",
        "scope             | corpid",
        "excludePaths      | 'static/*'",
        "postLogoutRedirect| //evil.test",
        "logoutPath        | /dingtalk/login",
        "appSecret         | '   '",
        "appSecret         | ${env:DINGTALK_SETTINGS_TEST_SURELY_UNSET}",
        "label             | ${ENV:LABEL}",
        "appSecert         | typo-value",
        "colour            | blue",
    })
    void everyMisconfigurationGivesTheMessageWebXmlGives(String key, String value) {
        String message = failure(minimal().set(key, value));
        assertEquals(webXmlFailure(minimalParams(key, value)), message);
        assertTrue(message.contains("'" + key + "'") || message.contains("'loginPath', 'callbackPath'"), message);
    }

    @Test
    void aMissingRequiredKeyGivesTheMessageWebXmlGives() {
        String message = failure(DingTalkSettings.builder().appSecret(SECRET));
        assertEquals(webXmlFailure(Map.of("appSecret", SECRET)), message);
        assertTrue(message.contains("setting 'appId' is required but missing; looked in: " + BUILDER), message);
    }

    @Test
    void aTypoSuggestsTheKeyItWasMeantToBe() {
        String message = failure(minimal().set("appSecert", "x"));
        assertTrue(message.contains("unknown setting 'appSecert' in " + BUILDER + "; did you mean 'appSecret'?"),
                message);
    }

    @Test
    void configFileIsNoSettingInCode() {
        String message = failure(minimal().set("configFile", "/etc/dingtalk.properties"));
        assertTrue(message.contains("unknown setting 'configFile' in " + BUILDER + "; configFile works only as an"
                + " init-param (in code, load the file and use DingTalkSettings.fromProperties)"), message);
    }

    @Test
    void typedDurationsAreCheckedLikeText() {
        assertTrue(failure(minimal().stateTtl(Duration.ZERO)).contains("setting 'stateTtl' in " + BUILDER
                + ": must be longer than zero"));
        assertTrue(failure(minimal().connectTimeout(Duration.ofSeconds(-5))).contains("setting 'connectTimeout'"));
    }

    @Test
    void longDurationsAreWrittenInAUnitTheParserAccepts() {
        assertEquals(Duration.ofDays(30), minimal().stateTtl(Duration.ofDays(30)).build().config().stateTtl());
    }

    @Test
    void fromPropertiesGivesTheMessageTheFilterGivesForTheSameFile() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("appId", "dingappkey123");
        properties.setProperty("appSecret", SECRET);
        properties.setProperty("stateTtl", "ten minutes");
        properties.setProperty("lable", "x");
        Path file = dir.resolve("dingtalk.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, null);
        }
        String source = "file " + file + " (named by init-param 'configFile')";
        String fromFilter = assertThrows(ConfigException.class, () -> ConfigLoader.load("dingtalk",
                Map.of("configFile", file.toString()), path -> null, System::getenv, System::getProperty))
                .getMessage();
        String fromCode = assertThrows(ConfigException.class,
                () -> DingTalkSettings.fromProperties(properties, source)).getMessage();
        assertEquals(fromFilter, fromCode);
        assertTrue(fromCode.contains("setting 'stateTtl' in " + source), fromCode);
        assertTrue(fromCode.contains("unknown setting 'lable' in " + source + "; did you mean 'label'?"), fromCode);
    }

    @Test
    void fromPropertiesReadsEveryKey() {
        Properties properties = new Properties();
        properties.setProperty("appId", "from-properties");
        properties.setProperty("appSecret", SECRET);
        properties.setProperty("label", "钉钉");
        DingTalkConfig config = DingTalkSettings.fromProperties(properties).config();
        assertEquals("from-properties", config.appId());
        assertEquals("钉钉", config.get(Settings.LABEL));
    }

    @Test
    void toStringMasksTheSecret() {
        String text = minimal().build().toString();
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.startsWith("DingTalkSettings{") && text.contains("appSecret=****"), text);
        assertTrue(text.contains("appId=dingappkey123"), text);
    }

    @Test
    void withClockGivesACopyWithThatClockAndTheSameSettings() {
        DingTalkSettings settings = minimal().label("Same").build();
        Clock fixed = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        DingTalkSettings copy = settings.withClock(fixed);
        assertSame(fixed, copy.clock());
        assertNotSame(fixed, settings.clock());
        assertSame(settings.config(), copy.config());
    }

    @Test
    void theClockIsNotASetting() {
        assertTrue(failure(minimal().set("clock", "2030-01-01T00:00:00Z")).contains("unknown setting 'clock'"));
    }
}
