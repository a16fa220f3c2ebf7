package io.github.dingtalkauth.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.config.ConfigSource;
import io.github.dingtalkauth.config.DingTalkConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixed part of the authorize URL, with and without the organization settings. */
class AuthorizeQueryTest {

    static String query(String... settings) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("appId", "dingappkey123");
        values.put("appSecret", "s");
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return AuthorizeQuery.fixed(DingTalkConfig.load(List.of(new ConfigSource("test", values)), n -> null,
                n -> null));
    }

    @Test
    void withoutTheOrganizationTheQueryIsTheDocumentedMinimum() {
        assertEquals("&response_type=code&client_id=dingappkey123&scope=openid&prompt=consent", query());
    }

    @Test
    void allowedCorpIdsAddTheCorpidScopeAndPreselectTheOnlyOrganization() {
        assertEquals("&response_type=code&client_id=dingappkey123&scope=openid%20corpid&prompt=consent"
                + "&corpId=dingA", query("allowedCorpIds", "dingA"));
    }

    @Test
    void severalAllowedOrganizationsAreNotPreselected() {
        String query = query("allowedCorpIds", "dingA, dingB");
        assertTrue(query.contains("&scope=openid%20corpid&"), query);
        assertFalse(query.contains("corpId="), query);
    }

    @Test
    void corpidIsNotAddedTwiceNorOtherScopesLost() {
        assertTrue(query("scope", "openid corpid", "allowedCorpIds", "dingA").contains("&scope=openid%20corpid&"));
        assertTrue(query("scope", "openid Contact.User.mobile", "allowedCorpIds", "dingA")
                .contains("&scope=openid%20Contact.User.mobile%20corpid&"));
    }

    @Test
    void exclusiveLoginIsPassedThroughOnlyWhenConfigured() {
        assertFalse(query().contains("exclusive"));
        assertTrue(query("exclusiveLogin", "true", "exclusiveCorpId", "dingA")
                .endsWith("&prompt=consent&exclusiveLogin=true&exclusiveCorpId=dingA"));
        assertTrue(query("exclusiveLogin", "false").endsWith("&exclusiveLogin=false"));
    }
}
