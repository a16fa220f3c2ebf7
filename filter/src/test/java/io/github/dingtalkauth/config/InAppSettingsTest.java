package io.github.dingtalkauth.config;

import static io.github.dingtalkauth.config.DingTalkConfigTest.failure;
import static io.github.dingtalkauth.config.DingTalkConfigTest.load;
import static io.github.dingtalkauth.config.DingTalkConfigTest.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-app sign-in settings: defaults, and the combinations init() refuses. */
class InAppSettingsTest {

    @Test
    void defaultsKeepInAppSignInOffWithDingTalksPinnedSdk() {
        DingTalkConfig config = load(minimal());
        assertFalse(config.get(Settings.IN_APP_LOGIN));
        assertEquals("/dingtalk/inapp", config.get(Settings.IN_APP_PATH));
        assertEquals(URI.create("https://g.alicdn.com/dingding/dingtalk-jsapi/3.1.0/dingtalk.open.js"),
                config.get(Settings.JSAPI_URL));
        assertEquals(Duration.ofSeconds(5), config.get(Settings.IN_APP_TIMEOUT));
    }

    @Test
    void inAppLoginWithAnOrganizationLoads() {
        DingTalkConfig config = load(minimal("inAppLogin", "true", "allowedCorpIds", "dingA",
                "jsapiUrl", "http://127.0.0.1:8081/jsapi/dingtalk.open.js", "inAppTimeout", "2s"));
        assertTrue(config.get(Settings.IN_APP_LOGIN));
        assertEquals(Duration.ofSeconds(2), config.get(Settings.IN_APP_TIMEOUT));
    }

    @Test
    void inAppLoginWithoutAllowedCorpIdsIsRefusedSayingWhy() {
        String message = failure(minimal("inAppLogin", "true"));
        assertTrue(message.contains("setting 'inAppLogin' needs allowedCorpIds"), message);
    }

    @Test
    void inAppLoginNamingPrincipalsByOpenIdIsRefused() {
        String message = failure(minimal("inAppLogin", "true", "allowedCorpIds", "dingA", "principalName", "openId"));
        assertTrue(message.contains("cannot be used with principalName=openId"), message);
    }

    @Test
    void inAppPathMustNotBeOneOfTheOtherPaths() {
        String message = failure(minimal("inAppLogin", "true", "allowedCorpIds", "dingA",
                "inAppPath", "/dingtalk/login"));
        assertTrue(message.contains("'inAppPath' must differ"), message);
    }

    @Test
    void aPlainHttpSdkOffLoopbackIsRefused() {
        String message = failure(minimal("jsapiUrl", "http://cdn.example.com/dingtalk.open.js"));
        assertTrue(message.contains("setting 'jsapiUrl'") && message.contains("must use https"), message);
    }
}
