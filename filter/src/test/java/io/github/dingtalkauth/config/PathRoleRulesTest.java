package io.github.dingtalkauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathRoleRulesTest {
    static final RoleRules ROLES = RoleRules.parse(Map.of(
            "role.admin", "dingtalkAdmin", "role.staff", "member", "role.finance", "dept:42"));

    static PathRoleRules rules(String... keyValues) {
        return PathRoleRules.parse(RoleRulesTest.entries(keyValues), ROLES);
    }

    static void rejected(String key, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rules(key, value));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }

    @Test
    void prefixRuleNeedsItsRole() {
        PathRoleRules rules = rules("require./admin/*", "admin");
        assertFalse(rules.permits("/admin/users", Set.of("staff")));
        assertTrue(rules.permits("/admin/users", Set.of("admin")));
    }

    @Test
    void prefixRuleCoversItsRoot() {
        assertFalse(rules("require./admin/*", "admin").permits("/admin", Set.of()));
    }

    @Test
    void pathsNoRuleMatchesAreOpenToEveryone() {
        PathRoleRules rules = rules("require./admin/*", "admin");
        assertTrue(rules.permits("/reports", Set.of()));
        assertTrue(rules.permits("/administration", Set.of()));
    }

    @Test
    void anyListedRoleWillDo() {
        PathRoleRules rules = rules("require./reports/*", "admin, finance");
        assertTrue(rules.permits("/reports/q1", Set.of("finance")));
        assertTrue(rules.permits("/reports/q1", Set.of("admin")));
        assertFalse(rules.permits("/reports/q1", Set.of("staff")));
    }

    @Test
    void everyMatchingRuleApplies() {
        PathRoleRules rules = rules("require./reports/*", "staff", "require.*.pdf", "finance");
        assertFalse(rules.permits("/reports/q1.pdf", Set.of("staff")));
        assertFalse(rules.permits("/reports/q1.pdf", Set.of("finance")));
        assertTrue(rules.permits("/reports/q1.pdf", Set.of("staff", "finance")));
    }

    @Test
    void exactRuleMatchesOnlyThatPath() {
        PathRoleRules rules = rules("require./settings", "admin");
        assertFalse(rules.permits("/settings", Set.of()));
        assertTrue(rules.permits("/settings/x", Set.of()));
    }

    @Test
    void requiredForListsTheRolesOfEachMatchingRule() {
        PathRoleRules rules = rules("require./reports/*", "staff", "require.*.pdf", "finance,admin");
        assertEquals(Set.of(Set.of("staff"), Set.of("finance", "admin")),
                Set.copyOf(rules.requiredFor("/reports/q1.pdf")));
        assertEquals(List.of(), rules.requiredFor("/home"));
    }

    @Test
    void entriesWithOtherKeysAreIgnored() {
        assertTrue(rules("role.admin", "member", "excludePaths", "/x").isEmpty());
    }

    // ------------------------------------------------------------------------------------------------ rejected

    @Test
    void undefinedRoleIsRejectedNamingKeyAndRole() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rules("require./admin/*", "root"));
        assertTrue(e.getMessage().contains("'require./admin/*'") && e.getMessage().contains("'root'"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "admin,", "admin|staff", "a b"})
    void malformedRoleListIsRejected(String value) {
        rejected("require./admin/*", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"require.", "require.admin/*", "require./a*b", "require./a/*,/b/*", "require./p/**"})
    void malformedPatternIsRejected(String key) {
        rejected(key, "admin");
    }

    @Test
    void withoutAnyRoleRulesEveryRequireRuleIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> PathRoleRules.parse(Map.of("require./admin/*", "admin"), RoleRules.none()));
    }
}
