package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FakeContainer;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.support.LogCapture;
import io.github.dingtalkauth.support.MutableClock;
import jakarta.servlet.ServletException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Start-up: a misconfigured filter refuses to start, naming the key and never the secret; settings come from the
 * init-params (and file) or wholly from code, and the log says which.
 */
class FilterInitTest {
    final FakeContainer container = new FakeContainer();
    LogCapture log;
    DingTalkAuthFilter started;

    @BeforeEach
    void capture() {
        log = LogCapture.start();
    }

    @AfterEach
    void release() {
        log.close();
        if (started != null) {
            started.destroy();
        }
    }

    private ServletException initFails(Map<String, String> params) {
        ServletException e = assertThrows(ServletException.class, () -> Filters.start(container, params));
        assertFalse(e.getMessage().contains(Filters.SECRET), e::getMessage);
        assertFalse(log.all().contains(Filters.SECRET), log::all);
        return e;
    }

    @Test
    void initWithAMalformedSettingThrowsNamingTheKeyButNotTheSecret() {
        ServletException e = initFails(Filters.params(null, "stateTtl", "forever"));
        assertTrue(e.getMessage().contains("setting 'stateTtl' in init-param of filter 'dingtalk'"), e::getMessage);
    }

    @Test
    void initWithAMistypedSecretKeyNamesTheKeyButNotItsValue() {
        Map<String, String> params = Filters.params(null);
        params.put("appSecert", params.remove("appSecret"));
        ServletException e = initFails(params);
        assertTrue(e.getMessage().contains("unknown setting 'appSecert' in init-param of filter 'dingtalk';"
                + " did you mean 'appSecret'?"), e::getMessage);
        assertTrue(e.getMessage().contains("setting 'appSecret' is required but missing"), e::getMessage);
    }

    @Test
    void initWithPlainHttpRedirectUriOffLoopbackFails() {
        ServletException e = initFails(Filters.params(null, "redirectUri", "http://app.example.com/dingtalk/callback"));
        assertTrue(e.getMessage().contains("'redirectUri'"), e::getMessage);
    }

    @Test
    void initLogsTheMisconfigurationAsAnError() {
        initFails(Filters.params(null, "maxPendingLogins", "0"));
        assertEquals(1, log.messages(Level.SEVERE).size(), log::all);
        assertTrue(log.messages(Level.SEVERE).get(0).contains("'maxPendingLogins'"), log::all);
    }

    @Test
    void initReadsTheWebInfFileThroughTheServletContext() throws Exception {
        when(container.context().getResourceAsStream("/WEB-INF/dingtalk.properties")).thenReturn(
                new ByteArrayInputStream("label=钉钉登录\n".getBytes(StandardCharsets.UTF_8)));
        started = Filters.start(container, Filters.params(null, "configFile", "/WEB-INF/dingtalk.properties"));
        assertEquals("钉钉登录", label(started));
    }

    @Test
    void initLogsTheSettingsWithTheSecretMasked() throws Exception {
        started = Filters.start(container, Filters.params(null));
        assertTrue(log.all().contains("appSecret=****"), log::all);
        assertFalse(log.all().contains(Filters.SECRET), log::all);
    }

    @Test
    void initWarnsWhenTheRedirectUriIsDerivedFromTheRequest() throws Exception {
        Map<String, String> params = Filters.params(null);
        params.remove("redirectUri");
        started = Filters.start(container, params);
        assertTrue(log.messages(Level.WARNING).stream().anyMatch(m -> m.contains("redirectUri is not set")),
                log::all);
    }

    @Test
    void initWarnsAboutAStrictSessionCookie() throws Exception {
        when(container.context().getSessionCookieConfig().getAttribute("SameSite")).thenReturn("Strict");
        started = Filters.start(container, Filters.params(null));
        assertTrue(log.messages(Level.WARNING).stream().anyMatch(m -> m.contains("SameSite=Strict")), log::all);
    }

    // ---- settings given in code: new DingTalkAuthFilter(settings), as addFilter(name, instance) registers it ----

    private DingTalkAuthFilter startFromCode(DingTalkSettings settings, Map<String, String> initParams)
            throws ServletException {
        started = Filters.start(new DingTalkAuthFilter(settings), container, initParams);
        return started;
    }

    private String label(DingTalkAuthFilter filter) {
        Exchange exchange = container.browser().get("/x").send(filter);
        return ((DingTalkLinks) exchange.attribute(DingTalkLinks.REQUEST_ATTRIBUTE)).getLabel();
    }

    @Test
    void settingsFromCodeWinWhollyOverInitParamsAndFiles() throws Exception {
        DingTalkSettings settings = Filters.settings(Filters.params(null, "label", "From code")).build();
        DingTalkAuthFilter filter = startFromCode(settings,
                Map.of("configFile", "/WEB-INF/missing.properties", "label", "From web.xml"));
        assertEquals("From code", label(filter));
        verify(container.context(), never()).getResourceAsStream(anyString());
    }

    @Test
    void ignoredInitParamsAreNamedInTheLogWithoutTheirValues() throws Exception {
        startFromCode(Filters.settings(Filters.params(null)).build(), Map.of("appSecret", "WEB-XML-VALUE"));
        assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("init-params appSecret of filter"
                + " 'dingtalk' are not read")), log::all);
        assertFalse(log.all().contains("WEB-XML-VALUE"), log::all);
    }

    @Test
    void startUpLogsThatTheSettingsCameFromCodeWithTheSecretMasked() throws Exception {
        startFromCode(Filters.settings(Filters.params(null)).build(), Map.of());
        assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains(
                "settings from code (DingTalkSettings.builder()): {appId=" + Filters.APP_ID)), log::all);
        assertTrue(log.all().contains("appSecret=****"), log::all);
        assertFalse(log.all().contains(Filters.SECRET), log::all);
    }

    @Test
    void startUpFromInitParamsLogsThatSourceInstead() throws Exception {
        started = Filters.start(container, Filters.params(null));
        assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains(
                "settings from init-param of filter 'dingtalk': {")), log::all);
    }

    @Test
    void startUpLogNamesTheEdition() throws Exception {
        started = Filters.start(container, Filters.params(null, "edition", "international"));
        assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("DingTalk login ready")
                && m.contains("edition=international")), log::all);
    }

    @Test
    void theInjectedClockExpiresAStartedLogin() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        DingTalkSettings settings = Filters.settings(Filters.params(null)).stateTtl(Duration.ofMinutes(10)).build();
        DingTalkAuthFilter filter = startFromCode(settings.withClock(clock), Map.of());
        Browser browser = container.browser();
        String state = FilterFixture.query(browser.navigate("/private").send(filter).location()).get("state");

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        Exchange callback = browser.get("/dingtalk/callback?authCode=abc&state=" + state).send(filter);

        assertEquals(400, callback.status(), callback::everything);
        assertTrue(callback.body().contains("state_expired"), callback::everything);
    }
}
