package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.config.SignInFlow;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@code flow} and {@code legacyLoginPage}, and the authorize page they imply. */
class FlowSettingsTest {
    static DingTalkSettings.Builder minimal() {
        return DingTalkSettings.builder().appId("dingappkey123").appSecret("s3cret");
    }

    @Test
    void theDefaultIsTheNewFlowOnLoginDingtalkCom() {
        DingTalkConfig config = minimal().build().config();
        assertEquals(SignInFlow.OAUTH2, config.get(Settings.FLOW));
        assertEquals(URI.create("https://login.dingtalk.com/oauth2/auth"), config.get(Settings.AUTHORIZE_URL));
    }

    @Test
    void legacyFlowDefaultsToTheQrPageUnderOapiBaseUrl() {
        DingTalkConfig config = minimal().flow("legacy").oapiBaseUrl("http://127.0.0.1:9000/oapi").build().config();
        assertEquals(URI.create("http://127.0.0.1:9000/oapi/connect/qrconnect"), config.get(Settings.AUTHORIZE_URL));
    }

    @Test
    void legacyAccountPageIsSnsAuthorize() {
        DingTalkConfig config = minimal().flow("legacy").legacyLoginPage("account").build().config();
        assertEquals(URI.create("https://oapi.dingtalk.com/connect/oauth2/sns_authorize"),
                config.get(Settings.AUTHORIZE_URL));
    }

    @Test
    void anExplicitAuthorizeUrlWinsInLegacyFlow() {
        DingTalkConfig config = minimal().flow("legacy").authorizeUrl("https://sso.example.com/connect/qrconnect")
                .build().config();
        assertEquals(URI.create("https://sso.example.com/connect/qrconnect"), config.get(Settings.AUTHORIZE_URL));
    }

    @Test
    void anUnknownFlowIsRefusedNamingTheChoices() {
        ConfigException e = assertThrows(ConfigException.class, () -> minimal().flow("sns").build());
        assertTrue(e.getMessage().contains("setting 'flow'") && e.getMessage().contains("expected oauth2 or legacy"),
                e.getMessage());
    }

    @Test
    void anUnknownLoginPageIsRefusedNamingTheChoices() {
        ConfigException e = assertThrows(ConfigException.class, () -> minimal().legacyLoginPage("password").build());
        assertTrue(e.getMessage().contains("expected qr or account"), e.getMessage());
    }
}
