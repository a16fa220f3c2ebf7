package io.github.dingtalkauth.config;

import static io.github.dingtalkauth.config.DingTalkConfigTest.failure;
import static io.github.dingtalkauth.config.DingTalkConfigTest.load;
import static io.github.dingtalkauth.config.DingTalkConfigTest.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** {@code role.*} and {@code require.*} keys go through the same loading as fixed settings. */
class RuleSettingsTest {
    private static final RoleSubject ZHANGSAN = new RoleSubject("union-1", "zhangsan", "dingcorp", true, false,
            false, false, Set.of(8187L), Set.of());

    @Test
    void roleAndRequireKeysAreNotUnknownSettings() {
        DingTalkConfig config = load(minimal("role.admin", "userId:zhangsan", "require./admin/*", "admin"));

        assertEquals(Set.of("admin"), config.roleRules().rolesFor(ZHANGSAN));
        assertEquals(List.of(Set.of("admin")), config.pathRoleRules().requiredFor("/admin/users"));
    }

    @Test
    void withoutRuleKeysBothRuleSetsAreEmpty() {
        DingTalkConfig config = load(minimal());

        assertTrue(config.roleRules().isEmpty());
        assertTrue(config.pathRoleRules().isEmpty());
    }

    @Test
    void aMalformedRoleRuleStopsStartUpNamingTheKeyAndTheSource() {
        String message = failure(minimal("role.admin", "superuser"));

        assertTrue(message.contains("role.admin"), message);
        assertTrue(message.contains("init-param of filter 'dingtalk'"), message);
    }

    @Test
    void aRequireRuleNamingAnUndefinedRoleStopsStartUp() {
        String message = failure(minimal("require./admin/*", "admin"));

        assertTrue(message.contains("require./admin/*"), message);
    }

    @Test
    void anEarlierSourceWinsPerRuleKey() {
        List<ConfigSource> sources = List.of(
                new ConfigSource("init-param of filter 'dingtalk'", Map.of("role.admin", "userId:zhangsan")),
                new ConfigSource("file x.properties", minimal("role.admin", "userId:lisi")));

        DingTalkConfig config = DingTalkConfig.load(sources, UnaryOperator.identity(), UnaryOperator.identity());

        assertEquals(Set.of("admin"), config.roleRules().rolesFor(ZHANGSAN));
    }

    @Test
    void placeholdersAreExpandedInRuleValues() {
        DingTalkConfig config = load(minimal("role.admin", "${env:ADMIN_RULE}"),
                name -> name.equals("ADMIN_RULE") ? "dept:8187" : null, name -> null);

        assertEquals(Set.of("admin"), config.roleRules().rolesFor(ZHANGSAN));
    }

    @Test
    void aTypoThatIsNotARuleKeyIsStillUnknown() {
        String message = failure(minimal("roles.admin", "member"));

        assertTrue(message.contains("unknown setting 'roles.admin'"), message);
    }

    @Test
    void ruleKeysDoNotHideOtherProblems() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> load(minimal("role.admin", "member", "stateTtl", "soon")));

        assertTrue(e.getMessage().contains("stateTtl"), e.getMessage());
    }
}
