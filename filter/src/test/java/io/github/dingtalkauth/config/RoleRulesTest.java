package io.github.dingtalkauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleRulesTest {
    /** A member of dept 8187, with DingTalk role 子管理员, nothing else. */
    static final RoleSubject ZHANGSAN = new RoleSubject("union-zs", "zhangsan", "dingours", true, false, false,
            false, Set.of(8187L), Set.of("子管理员"));
    static final RoleSubject NOBODY = new RoleSubject("union-x", null, null, false, false, false, false, null, null);

    /** Settings in the order given: key, value, key, value, … */
    static Map<String, String> entries(String... keyValues) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            entries.put(keyValues[i], keyValues[i + 1]);
        }
        return entries;
    }

    static RoleRules rules(String... keyValues) {
        return RoleRules.parse(entries(keyValues));
    }

    static RoleSubject subject(boolean member, boolean admin, boolean boss, boolean leader) {
        return new RoleSubject("u", "id", "corp", member, admin, boss, leader, Set.of(), Set.of());
    }

    static IllegalArgumentException rejected(String key, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rules(key, value));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        return e;
    }

    @Test
    void exampleFromTheIssueGrantsBothRolesToAListedUser() {
        RoleRules rules = rules("role.admin", "dingtalkAdmin, userId:zhangsan, dept:8187", "role.staff", "member");
        assertEquals(Set.of("admin", "staff"), rules.rolesFor(ZHANGSAN));
    }

    @Test
    void noSourceMatchingGrantsNoRole() {
        assertEquals(Set.of(), rules("role.admin", "dingtalkAdmin, userId:zhangsan").rolesFor(NOBODY));
    }

    @ParameterizedTest(name = "{0} matches a subject with member={1} admin={2} boss={3} leader={4}")
    @CsvSource({
        "member,        true,  false, false, false",
        "dingtalkAdmin, false, true,  false, false",
        "boss,          false, false, true,  false",
        "leader,        false, false, false, true",
    })
    void flagSourceMatchesOnlyItsFlag(String source, boolean member, boolean admin, boolean boss, boolean leader) {
        RoleRules rules = rules("role.r", source);
        assertEquals(Set.of("r"), rules.rolesFor(subject(member, admin, boss, leader)));
        assertEquals(Set.of(), rules.rolesFor(subject(!member, !admin, !boss, !leader)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"userId:zhangsan", "unionId:union-zs", "dept:8187", "dingtalkRole:子管理员",
        "corpId:dingours"})
    void valueSourceMatchesItsValue(String source) {
        assertEquals(Set.of("r"), rules("role.r", source).rolesFor(ZHANGSAN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"userId:lisi", "unionId:union-ls", "dept:1", "dingtalkRole:主管理员", "corpId:dingother",
        "userId:ZHANGSAN"})
    void valueSourceDoesNotMatchAnotherValue(String source) {
        assertEquals(Set.of(), rules("role.r", source).rolesFor(ZHANGSAN));
    }

    @Test
    void valueSourceNeverMatchesAnUnknownValue() {
        assertEquals(Set.of(), rules("role.r", "userId:zhangsan, corpId:dingours").rolesFor(NOBODY));
    }

    @Test
    void spacesAroundSourcesAndColonsAreIgnored() {
        assertEquals(Set.of("r"), rules("role.r", "  dept : 8187 ,member ").rolesFor(ZHANGSAN));
    }

    @Test
    void entriesWithOtherKeysAreIgnored() {
        assertEquals(Set.of("staff"), rules("clientId", "x", "require./a/*", "staff", "role.staff", "member")
                .roleNames());
    }

    @Test
    void noRoleEntriesMeanNoRules() {
        assertTrue(rules("clientId", "x").isEmpty());
        assertTrue(RoleRules.none().rolesFor(ZHANGSAN).isEmpty());
    }

    @Test
    void grantedRolesAreImmutableAndSerializable() throws Exception {
        Set<String> roles = rules("role.admin", "member", "role.staff", "member").rolesFor(ZHANGSAN);
        assertThrows(UnsupportedOperationException.class, () -> roles.add("root"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(roles);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(roles, in.readObject());
        }
    }

    @Test
    void toStringShowsTheRulesAsWritten() {
        assertEquals("{role.admin=dingtalkAdmin, dept:8187}", rules("role.admin", "dingtalkAdmin,dept: 8187").toString());
    }

    // ------------------------------------------------------------------------------------------------ rejected

    @Test
    void unknownSourceIsRejectedNamingKeyAndSource() {
        IllegalArgumentException e = rejected("role.admin", "dingtalkAdmin, superuser");
        assertTrue(e.getMessage().contains("'superuser'"), e.getMessage());
        assertTrue(e.getMessage().contains("dingtalkRole:"), "lists the known sources: " + e.getMessage());
    }

    @Test
    void keywordsAreCaseSensitive() {
        rejected("role.admin", "dingtalkadmin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "member,", ",member", "member,,boss"})
    void emptyValueOrEmptySourceIsRejected(String value) {
        rejected("role.staff", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"userId", "userId:", "dept:abc", "dept:0", "dept:-1", "unionId:a b", "corpId:x/y",
        "dingtalkRole:"})
    void valueSourceWithoutAValidValueIsRejected(String source) {
        rejected("role.r", source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"member:yes", "boss:1"})
    void flagSourceWithAValueIsRejected(String source) {
        rejected("role.r", source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"role.", "role.a b", "role.*", "role.-x", "role..x", "role.管理员"})
    void malformedRoleNameIsRejected(String key) {
        rejected(key, "member");
    }

    @Test
    void roleNameOfSixtyFiveCharactersIsRejected() {
        rejected("role." + "a".repeat(65), "member");
    }
}
