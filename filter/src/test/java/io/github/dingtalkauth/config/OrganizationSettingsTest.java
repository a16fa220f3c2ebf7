package io.github.dingtalkauth.config;

import static io.github.dingtalkauth.config.DingTalkConfigTest.failure;
import static io.github.dingtalkauth.config.DingTalkConfigTest.load;
import static io.github.dingtalkauth.config.DingTalkConfigTest.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.DingTalkPrincipal.NameSource;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The organization settings: their values, their defaults, and the combinations init() refuses. */
class OrganizationSettingsTest {

    @Test
    void defaultsLetAnyDingTalkAccountInWithoutAProfile() {
        DingTalkConfig config = load(minimal());
        assertNull(config.get(Settings.ALLOWED_CORP_IDS));
        assertFalse(config.employeeProfile());
        assertFalse(config.get(Settings.REQUIRE_ACTIVE));
        assertNull(config.get(Settings.EXCLUSIVE_LOGIN));
        assertEquals(NameSource.UNION_ID, config.get(Settings.PRINCIPAL_NAME));
        assertEquals(URI.create("https://oapi.dingtalk.com"), config.get(Settings.OAPI_BASE_URL));
    }

    @Test
    void allowedCorpIdsKeepTheirOrderDropRepeatsAndImplyTheProfile() {
        DingTalkConfig config = load(minimal("allowedCorpIds", " dingB , dingA,dingB "));
        assertEquals(List.of("dingB", "dingA"), List.copyOf(config.get(Settings.ALLOWED_CORP_IDS)));
        assertTrue(config.employeeProfile());
    }

    @Test
    void employeeProfileAloneAsksForTheProfile() {
        assertTrue(load(minimal("employeeProfile", "true")).employeeProfile());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "allowedCorpIds|dingA,,dingB|expected comma-separated corpIds, found an empty item",
        "allowedCorpIds|ding/../x|expected a corpId such as",
        "exclusiveCorpId|ding x|expected a corpId such as",
        "exclusiveLogin|yes|expected true or false",
        "requireActive|1|expected true or false",
        "principalName|unionid|expected unionId, userId or openId",
        "oapiBaseUrl|http://oapi.example.com|must use https",
    })
    void malformedValueStopsInitNamingTheKey(String key, String value, String expected) {
        String message = failure(minimal(key, value));
        assertTrue(message.contains("setting '" + key + "' in init-param of filter 'dingtalk': " + expected), message);
    }

    @Test
    void principalNamedByUserIdNeedsTheEmployeeProfile() {
        String message = failure(minimal("principalName", "userId"));
        assertTrue(message.contains("setting 'principalName': userId needs the employee profile"), message);
        assertEquals(NameSource.USER_ID, load(minimal("principalName", "userId", "employeeProfile", "true"))
                .get(Settings.PRINCIPAL_NAME));
        assertEquals(NameSource.USER_ID, load(minimal("principalName", "userId", "allowedCorpIds", "dingA"))
                .get(Settings.PRINCIPAL_NAME));
    }

    @Test
    void requireActiveNeedsAllowedCorpIds() {
        String message = failure(minimal("requireActive", "true", "employeeProfile", "true"));
        assertTrue(message.contains("setting 'requireActive' needs allowedCorpIds"), message);
        assertTrue(load(minimal("requireActive", "true", "allowedCorpIds", "dingA")).get(Settings.REQUIRE_ACTIVE));
    }

    @Test
    void maskedValuesShowTheOrganizationSettings() {
        String shown = load(minimal("allowedCorpIds", "dingA")).maskedValues();
        assertTrue(shown.contains("allowedCorpIds=[dingA]"), shown);
    }
}
