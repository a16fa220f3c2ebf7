package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FakeContainer;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.support.LogCapture;
import io.github.dingtalkauth.support.MutableClock;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A filter constructed with {@link DingTalkSettings}, as ServletContext.addFilter(name, instance) registers it. */
class FilterFromCodeTest {
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

    private DingTalkAuthFilter start(DingTalkSettings settings, Map<String, String> initParams)
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
        DingTalkAuthFilter filter = start(settings,
                Map.of("configFile", "/WEB-INF/missing.properties", "label", "From web.xml"));
        assertEquals("From code", label(filter));
        verify(container.context(), never()).getResourceAsStream(anyString());
    }

    @Test
    void ignoredInitParamsAreNamedInTheLogWithoutTheirValues() throws Exception {
        start(Filters.settings(Filters.params(null)).build(), Map.of("appSecret", "WEB-XML-VALUE"));
        assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("init-params appSecret of filter"
                + " 'dingtalk' are not read")), log::all);
        assertFalse(log.all().contains("WEB-XML-VALUE"), log::all);
    }

    @Test
    void startUpLogsThatTheSettingsCameFromCodeWithTheSecretMasked() throws Exception {
        start(Filters.settings(Filters.params(null)).build(), Map.of());
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
    void theInjectedClockExpiresAStartedLogin() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        DingTalkAuthFilter filter = start(Filters.settings(Filters.params(null)).stateTtl(Duration.ofMinutes(10))
                .build().withClock(clock), Map.of());
        Browser browser = container.browser();
        String state = FilterFixture.query(browser.navigate("/private").send(filter).location()).get("state");

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        Exchange callback = browser.get("/dingtalk/callback?authCode=abc&state=" + state).send(filter);

        assertEquals(400, callback.status(), callback::everything);
        assertTrue(callback.body().contains("state_expired"), callback::everything);
    }
}
