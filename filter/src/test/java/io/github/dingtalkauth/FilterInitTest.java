package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FakeContainer;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.support.LogCapture;
import jakarta.servlet.ServletException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Start-up: a misconfigured filter refuses to start, naming the key and never the secret. */
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
        Exchange exchange = container.browser().get("/x").send(started);
        assertEquals("钉钉登录", ((DingTalkLinks) exchange.attribute(DingTalkLinks.REQUEST_ATTRIBUTE)).getLabel());
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
}
