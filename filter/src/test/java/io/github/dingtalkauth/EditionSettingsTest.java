package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Edition;
import io.github.dingtalkauth.config.Settings;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@code edition}: the hosts the three URLs default to, in both flows; a URL that is set wins. */
class EditionSettingsTest {
    private static DingTalkSettings.Builder international() {
        return FlowSettingsTest.minimal().edition("international");
    }

    private static void assertHosts(DingTalkConfig config, String authorize, String api, String oapi) {
        assertEquals(URI.create(authorize), config.get(Settings.AUTHORIZE_URL));
        assertEquals(URI.create(api), config.get(Settings.API_BASE_URL));
        assertEquals(URI.create(oapi), config.get(Settings.OAPI_BASE_URL));
    }

    @Test
    void theDefaultEditionIsChinaWithTheDotComHosts() {
        DingTalkConfig config = FlowSettingsTest.minimal().build().config();
        assertEquals(Edition.CHINA, config.get(Settings.EDITION));
        assertHosts(config, "https://login.dingtalk.com/oauth2/auth", "https://api.dingtalk.com",
                "https://oapi.dingtalk.com");
    }

    @Test
    void internationalEditionUsesTheDotIoHosts() {
        assertHosts(international().build().config(), "https://login.dingtalk.io/oauth2/auth",
                "https://api.dingtalk.io", "https://oapi.dingtalk.io");
    }

    @Test
    void internationalLegacyFlowUsesTheQrPageOnTheInternationalOapiHost() {
        DingTalkConfig config = international().flow("legacy").build().config();
        assertHosts(config, "https://oapi.dingtalk.io/connect/qrconnect", "https://api.dingtalk.io",
                "https://oapi.dingtalk.io");
    }

    @Test
    void internationalLegacyAccountPageIsSnsAuthorizeOnTheInternationalOapiHost() {
        DingTalkConfig config = international().flow("legacy").legacyLoginPage("account").build().config();
        assertEquals(URI.create("https://oapi.dingtalk.io/connect/oauth2/sns_authorize"),
                config.get(Settings.AUTHORIZE_URL));
    }

    @Test
    void chinaLegacyFlowUsesTheQrPageOnTheChinaOapiHost() {
        DingTalkConfig config = FlowSettingsTest.minimal().edition("china").flow("legacy").build().config();
        assertHosts(config, "https://oapi.dingtalk.com/connect/qrconnect", "https://api.dingtalk.com",
                "https://oapi.dingtalk.com");
    }

    @Test
    void explicitUrlsWinOverTheInternationalEdition() {
        DingTalkConfig config = international().authorizeUrl("https://sso.example.com/auth")
                .apiBaseUrl("https://api.example.com").oapiBaseUrl("https://oapi.example.com").build().config();
        assertHosts(config, "https://sso.example.com/auth", "https://api.example.com", "https://oapi.example.com");
    }

    @Test
    void anExplicitOapiBaseUrlCarriesTheLegacyPageWithItInTheInternationalEdition() {
        DingTalkConfig config = international().flow("legacy").oapiBaseUrl("http://127.0.0.1:9000/oapi").build()
                .config();
        assertHosts(config, "http://127.0.0.1:9000/oapi/connect/qrconnect", "https://api.dingtalk.io",
                "http://127.0.0.1:9000/oapi");
    }

    @Test
    void onlyTheUrlsLeftUnsetFollowTheEdition() {
        DingTalkConfig config = international().apiBaseUrl("https://api.example.com").build().config();
        assertHosts(config, "https://login.dingtalk.io/oauth2/auth", "https://api.example.com",
                "https://oapi.dingtalk.io");
    }

    @Test
    void anUnknownEditionIsRefusedNamingTheChoices() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> FlowSettingsTest.minimal().edition("global").build());
        assertTrue(e.getMessage().contains("setting 'edition'")
                && e.getMessage().contains("expected china or international"), e.getMessage());
    }

    @Test
    void theSettingsSummaryNamesTheEdition() {
        assertTrue(international().build().config().maskedValues().contains("edition=international"));
    }
}
