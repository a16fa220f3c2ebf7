package io.github.dingtalkauth.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmulatorUserTest {

    private static final String USER_A = "[{\"key\":\"a\",\"unionId\":\"u\",\"nick\":\"A\",";
    /** A user whose membership object is open: append members and close with {@code }}]}. */
    private static final String MEMBER_A = USER_A + "\"membership\":{\"userid\":\"a\",";

    @TempDir
    Path dir;

    @Test
    void defaultsOfferChineseAndLatinNames() {
        List<String> nicks = EmulatorUser.defaults().stream().map(EmulatorUser::nick).toList();

        assertTrue(nicks.size() >= 4, nicks.toString());
        assertTrue(nicks.containsAll(List.of("张三", "李四", "Alice Chen", "Wang Fang")), nicks.toString());
    }

    @Test
    void defaultIdentifiersLookLikeDingTalks() {
        for (EmulatorUser user : EmulatorUser.defaults()) {
            assertTrue(user.unionId().matches("[A-Za-z0-9]{20,28}"), user.unionId());
            assertTrue(user.openId().matches("[A-Za-z0-9]{20,28}"), user.openId());
            assertEquals("86", user.stateCode());
            assertFalse(user.visitor());
            assertNull(user.avatarUrl(), "filled in by the emulator, which knows its own address");
        }
    }

    @Test
    void defaultMembersLeaveTheirCorpIdToTheEmulatorAndOthersHaveForeignOnes() {
        for (EmulatorUser user : EmulatorUser.defaults()) {
            if (user.isMember()) {
                assertNull(user.corpId(), user.key());
            } else {
                assertTrue(user.corpId().matches("ding[0-9a-f]{16,32}"), user.corpId());
            }
        }
    }

    @Test
    void defaultsHaveDistinctKeysAndUnionIdsAndThreeOrganizations() {
        List<EmulatorUser> users = EmulatorUser.defaults();

        assertEquals(users.size(), users.stream().map(EmulatorUser::key).distinct().count());
        assertEquals(users.size(), users.stream().map(EmulatorUser::unionId).distinct().count());
        Set<String> foreign = users.stream().map(EmulatorUser::corpId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        assertEquals(2, foreign.size(), foreign.toString());
        assertFalse(foreign.contains(DingTalkEmulatorBuilder.DEFAULT_CORP_ID));
    }

    @Test
    void loadReadsTheRecordsFieldNames() throws IOException {
        Path file = write("""
                [{"key":"zhaoliu","unionId":"u1234567890abcdefghij","openId":"o1","nick":"赵六",
                  "avatarUrl":"https://static.example/z.png","email":"z@example.com","mobile":"1",
                  "stateCode":"852","corpId":"dingabc","visitor":true},
                 {"key":"min","unionId":"u2","nick":"Min"}]
                """);

        List<EmulatorUser> users = EmulatorUser.load(file);

        assertEquals(new EmulatorUser("zhaoliu", "u1234567890abcdefghij", "o1", "赵六",
                "https://static.example/z.png", "z@example.com", "1", "852", "dingabc", true), users.get(0));
        assertEquals(new EmulatorUser("min", "u2", null, "Min", null, null, null, null, null, false), users.get(1));
    }

    @Test
    void defaultsHaveAnAdminABossALeaderAnOutsiderAndAnExternalContact() {
        List<EmulatorUser> users = EmulatorUser.defaults();

        assertTrue(users.stream().anyMatch(u -> u.isMember() && u.membership().admin()));
        assertTrue(users.stream().anyMatch(u -> u.isMember() && u.membership().boss()));
        assertTrue(users.stream().anyMatch(u -> u.isMember() && !u.membership().leaderInDepts().isEmpty()));
        assertTrue(users.stream().anyMatch(u -> u.membership() == null));
        assertTrue(users.stream().anyMatch(u -> u.membership() != null && !u.isMember()));
    }

    @Test
    void parseReadsAMembershipWithDingTalksFieldNames() {
        List<EmulatorUser> users = EmulatorUser.parse("""
                [{"key":"a","unionId":"u1","nick":"A","membership":{"userid":"a01","title":"工程师",
                  "job_number":"007","org_email":"a@corp.example","dept_id_list":[2,3],
                  "leader_in_dept":[{"dept_id":3,"leader":true},{"dept_id":2,"leader":false}],
                  "role_list":[{"id":9,"name":"主管","group_name":"默认"}],"admin":true,"active":false,
                  "hired_date":1700000000000}}]
                """);

        assertEquals(new Membership("a01", Membership.MEMBER, null, "工程师", "007", "a@corp.example", null, null,
                List.of(2L, 3L), List.of(3L), List.of(new Membership.Role(9, "主管", "默认")), true, false, false,
                false, true, 1700000000000L, false), users.get(0).membership());
    }

    @Test
    void membershipDefaultsToAnActiveMember() {
        Membership m = EmulatorUser.parse(USER_A + "\"membership\":{\"userid\":\"a01\"}}]").get(0).membership();

        assertEquals(Membership.member("a01"), m);
    }

    @Test
    void parseRefusesAnUnknownMembershipField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmulatorUser.parse(MEMBER_A + "\"userId\":\"b\"}}]"));
        assertTrue(e.getMessage().contains("userId"), e.getMessage());
    }

    @Test
    void parseRefusesAContactTypeOtherThanZeroOrOne() {
        assertThrows(IllegalArgumentException.class, () -> EmulatorUser.parse(MEMBER_A + "\"contact_type\":2}}]"));
    }

    @Test
    void parseRefusesALeaderOfADepartmentNotListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmulatorUser.parse(
                MEMBER_A + "\"dept_id_list\":[1],\"leader_in_dept\":[{\"dept_id\":2,\"leader\":true}]}}]"));
        assertTrue(e.getMessage().startsWith("users JSON: "), e.getMessage());
    }

    @Test
    void parseRefusesAStringDepartmentId() {
        assertThrows(IllegalArgumentException.class,
                () -> EmulatorUser.parse(MEMBER_A + "\"dept_id_list\":[\"1\"]}}]"));
    }

    @Test
    void loadRefusesAnUnknownField() throws IOException {
        Path file = write("[{\"key\":\"a\",\"unionId\":\"u\",\"nick\":\"A\",\"e-mail\":\"a@example.com\"}]");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmulatorUser.load(file));
        assertTrue(e.getMessage().contains("e-mail"), e.getMessage());
    }

    @Test
    void loadRefusesAUserWithoutUnionId() throws IOException {
        Path file = write("[{\"key\":\"a\",\"nick\":\"A\"}]");

        assertThrows(IllegalArgumentException.class, () -> EmulatorUser.load(file));
    }

    @Test
    void loadRefusesDuplicateKeys() throws IOException {
        Path file = write("[{\"key\":\"a\",\"unionId\":\"u\",\"nick\":\"A\"},{\"key\":\"a\",\"unionId\":\"v\","
                + "\"nick\":\"B\"}]");

        assertThrows(IllegalArgumentException.class, () -> EmulatorUser.load(file));
    }

    @Test
    void keyMustBeSafeInAUrlPath() {
        assertThrows(IllegalArgumentException.class,
                () -> new EmulatorUser("../x", "u", null, "X", null, null, null, null, null, false));
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("users.json"), json, StandardCharsets.UTF_8);
    }
}
