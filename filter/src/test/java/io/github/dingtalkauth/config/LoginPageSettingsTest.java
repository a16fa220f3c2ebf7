package io.github.dingtalkauth.config;

import static io.github.dingtalkauth.config.DingTalkConfigTest.failure;
import static io.github.dingtalkauth.config.DingTalkConfigTest.load;
import static io.github.dingtalkauth.config.DingTalkConfigTest.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@code loginPage} and {@code qrLoginScriptUrl}: defaults, values, and what start-up refuses. */
class LoginPageSettingsTest {

    @Test
    void defaultIsTheRedirectWithDingTalksPinnedScript() {
        DingTalkConfig config = load(minimal());
        assertEquals(LoginPage.REDIRECT, config.get(Settings.LOGIN_PAGE));
        assertEquals(URI.create("https://g.alicdn.com/dingding/h5-dingtalk-login/0.21.0/ddlogin.js"),
                config.get(Settings.QR_LOGIN_SCRIPT_URL));
    }

    @Test
    void qrIsAcceptedWithTheOAuth2Flow() {
        assertEquals(LoginPage.QR, load(minimal("loginPage", "qr")).get(Settings.LOGIN_PAGE));
    }

    @Test
    void anUnknownLoginPageIsRefused() {
        assertTrue(failure(minimal("loginPage", "popup")).contains("setting 'loginPage'"));
    }

    @Test
    void aScriptUrlOverPlainHttpOffLoopbackIsRefused() {
        assertTrue(failure(minimal("qrLoginScriptUrl", "http://cdn.example.com/ddlogin.js"))
                .contains("setting 'qrLoginScriptUrl'"));
    }

    @Test
    void qrWithTheLegacyFlowIsRefused() {
        assertTrue(failure(minimal("loginPage", "qr", "flow", "legacy")).contains("qr needs flow=oauth2"));
    }

    @Test
    void qrWithTheCorpScopeAndNoSingleCorpIdIsRefused() {
        assertTrue(failure(minimal("loginPage", "qr", "allowedCorpIds", "dingA,dingB")).contains("exactly one"));
        assertTrue(failure(minimal("loginPage", "qr", "scope", "openid corpid")).contains("exactly one"));
    }

    @Test
    void qrWithOneAllowedCorpIdIsAccepted() {
        assertTrue(load(minimal("loginPage", "qr", "allowedCorpIds", "dingA")).frameLoginPossible());
    }

    @Test
    void theFrameLoginIsImpossibleWithTheLegacyFlowOrSeveralCorpIds() {
        assertFalse(load(minimal("flow", "legacy")).frameLoginPossible());
        assertFalse(load(minimal("allowedCorpIds", "dingA,dingB")).frameLoginPossible());
    }
}
