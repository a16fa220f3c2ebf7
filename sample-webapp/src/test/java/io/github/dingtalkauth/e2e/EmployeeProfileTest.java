package io.github.dingtalkauth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.e2e.OrganizationSignInTest.Attempt;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Closing;
import io.github.dingtalkauth.testing.FilterLog;
import io.github.dingtalkauth.testing.OrgUsers;
import io.github.dingtalkauth.testing.SignIn;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code employeeProfile=true} without {@code allowedCorpIds}: any DingTalk account still signs in, employees with
 * their profile; and {@code principalName=userId}, which can name only employees.
 */
class EmployeeProfileTest {
    private static DingTalkEmulator emulator;
    private static SampleServer profile;
    private static SampleServer byUserId;
    private static FilterLog log;

    @BeforeAll
    static void start() throws Exception {
        log = FilterLog.start();
        emulator = DingTalkEmulator.builder().users(OrgUsers.all()).start();
        profile = open().start();
        byUserId = open().setting("principalName", "userId").start();
    }

    /** Dev mode would allow only the emulator's organization; an empty value turns that off. */
    static SampleServer.Builder open() {
        return SampleServer.builder().port(0).emulator(emulator).setting("allowedCorpIds", "")
                .setting("employeeProfile", "true")
                .setting("role.admin", "dingtalkAdmin")
                .setting("role.staff", "member");
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(profile, byUserId, emulator, log);
    }

    @BeforeEach
    void forget() {
        emulator.reset();
        log.clear();
    }

    @Test
    void authorizeRequestDoesNotAskForTheOrganization() {
        URI authorize = URI.create(SignIn.start(new Browser(profile.baseUri()), "/me").authorizeUrl());
        assertTrue(authorize.getRawQuery().contains("&scope=openid&"), authorize::toString);
        assertFalse(authorize.getRawQuery().contains("corpId="), authorize::toString);
    }

    @Test
    void employeeSignsInWithTheProfileButIsNoConfirmedMemberWithoutAllowedCorpIds() {
        Attempt zhangsan = OrganizationSignInTest.attempt(profile, "zhangsan");

        assertEquals(303, zhangsan.callback().status(), zhangsan.callback().body());
        JsonObject me = zhangsan.me();
        assertEquals("zhangsan", me.getString("userId"));
        assertEquals("架构师", me.getString("title"));
        assertTrue(me.getBoolean("admin"));
        assertFalse(me.getBoolean("member"), "member needs allowedCorpIds");
        assertEquals(List.of("admin"), OrganizationSignInTest.strings(me, "roles"));
    }

    @Test
    void accountOutsideTheOrganizationSignsInWithoutAProfile() {
        Attempt zhouqi = OrganizationSignInTest.attempt(profile, "zhouqi");

        assertEquals(303, zhouqi.callback().status(), zhouqi.callback().body());
        JsonObject me = zhouqi.me();
        assertEquals(OrgUsers.user("zhouqi").unionId(), me.getString("name"));
        assertEquals(JsonValue.NULL, me.get("userId"));
        assertEquals(List.of(), OrganizationSignInTest.strings(me, "roles"));
        assertEquals(1, emulator.stats().unionIdLookups());
        assertEquals(0, emulator.stats().employeeLookups());
    }

    @Test
    void principalNamedByUserIdIsTheEmployeeId() {
        Attempt wangfang = OrganizationSignInTest.attempt(byUserId, "wangfang");

        assertEquals(303, wangfang.callback().status(), wangfang.callback().body());
        assertEquals("0153412238695521", wangfang.me().getString("name"));
    }

    @Test
    void principalNamedByUserIdRefusesAnAccountThatHasNone() {
        Attempt contact = OrganizationSignInTest.attempt(byUserId, OrgUsers.CONTACT);

        assertEquals(403, contact.callback().status(), contact.callback().body());
        assertTrue(contact.callback().body().contains("Reason: not_a_member"));
        assertEquals(null, contact.me());
        assertEquals(List.of("DingTalk login refused a request: reason=not_a_member verdict=not_a_member"
                + " membership=external_contact (principalName=userId)"), log.warnings());
    }
}
