package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.DingTalkPrincipal.NameSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The principal: its name, its serial form and what it lets out. */
class DingTalkPrincipalTest {

    /** A full profile as DingTalk returns it for an employee with several departments and roles. */
    static DingTalkPrincipal realistic() {
        return DingTalkPrincipal.builder("Qk3xT9mWpLr2vBn8aYc7DiiEiE")
                .openId("hR4tYu7KpQ2wEs9zXc1VbNiEiE")
                .nick("张三")
                .avatarUrl("https://static-legacy.dingtalk.com/media/lADPDgQ9rZx8pVnNAljNAlg_600_600.jpg")
                .email("zhangsan@example.com").mobile("13812345678").stateCode("86")
                .corpId("ding5a8c5b6a5c8b53e535c2f4657eb6378f")
                .userId("0153412238695521").employeeName("张三丰").title("高级架构师 · 平台研发部")
                .jobNumber("00021116").orgEmail("zhangsan@corp.example.com")
                .deptIds(List.of(8187L, 480137465L, 560021983L)).leaderInDepts(List.of(8187L))
                .dingTalkRoleNames(List.of("子管理员", "主管", "审批管理员"))
                .admin(true).boss(false).active(true).member(true)
                .roles(Set.of("admin", "staff", "leads", "finance-approvers"))
                .build();
    }

    static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    @Test
    void realisticProfileSerializesInAtMostOneKibibyte() throws Exception {
        byte[] bytes = serialize(realistic());
        assertTrue(bytes.length <= 1024, () -> bytes.length + " bytes");
    }

    @Test
    void serialFormRestoresEveryField() throws Exception {
        DingTalkPrincipal original = DingTalkPrincipal.builder(realistic().getUnionId()).userId("u1").title("t")
                .deptIds(List.of(1L)).roles(Set.of("a")).boss(true).nameSource(NameSource.USER_ID).build();
        for (DingTalkPrincipal p : List.of(realistic(), original)) {
            DingTalkPrincipal copy = (DingTalkPrincipal) deserialize(serialize(p));
            assertNotSame(p, copy);
            assertEquals(p, copy);
            assertEquals(p.getName(), copy.getName());
            assertEquals(p.getRoles(), copy.getRoles());
        }
    }

    @Test
    void nameIsTheIdentifierTheSettingChose() {
        DingTalkPrincipal p = realistic();
        assertEquals(p.getUnionId(), p.getName());
        assertEquals("0153412238695521", DingTalkPrincipal.builder("u").userId("0153412238695521")
                .nameSource(NameSource.USER_ID).build().getName());
        assertEquals("o1", DingTalkPrincipal.builder("u").openId("o1").nameSource(NameSource.OPEN_ID).build()
                .getName());
    }

    @Test
    void principalNamedByAMissingIdentifierIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> DingTalkPrincipal.builder("u").nameSource(NameSource.USER_ID).build());
        assertThrows(IllegalArgumentException.class, () -> DingTalkPrincipal.builder(""));
    }

    @Test
    void listsAndRolesCannotBeChangedFromOutside() {
        DingTalkPrincipal p = realistic();
        assertAll(
                () -> assertThrows(UnsupportedOperationException.class, () -> p.getDeptIds().add(1L)),
                () -> assertThrows(UnsupportedOperationException.class, () -> p.getRoles().add("root")),
                () -> assertThrows(UnsupportedOperationException.class, () -> p.getDingTalkRoleNames().clear()));
    }

    @Test
    void accountOnlyConstructorHasNoProfileAndNoRoles() {
        DingTalkPrincipal p = new DingTalkPrincipal("u1", "o1", "nick", null, "", null, null, "dingcorp");
        assertAll(
                () -> assertEquals("u1", p.getName()),
                () -> assertNull(p.getEmail(), "empty counts as absent"),
                () -> assertNull(p.getUserId()),
                () -> assertFalse(p.isMember()),
                () -> assertEquals(Set.of(), p.getRoles()),
                () -> assertEquals(List.of(), p.getDeptIds()));
    }

    @Test
    void toStringShowsNoPersonalDataBeyondUnionIdAndNick() {
        String shown = realistic().toString();
        for (String personal : List.of("13812345678", "zhangsan@", "张三丰", "架构师", "0153412238695521", "00021116")) {
            assertFalse(shown.contains(personal), shown);
        }
        assertTrue(shown.contains("Qk3xT9mWpLr2vBn8aYc7DiiEiE"), shown);
    }
}
