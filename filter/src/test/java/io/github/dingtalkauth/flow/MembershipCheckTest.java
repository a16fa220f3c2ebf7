package io.github.dingtalkauth.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.client.Employee;
import io.github.dingtalkauth.client.Membership;
import io.github.dingtalkauth.client.Membership.Status;
import io.github.dingtalkauth.flow.MembershipCheck.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipCheckTest {
    static final String OURS = "dingours";
    static final Membership MEMBER = Membership.member("zhangsan");

    final MembershipCheck check = new MembershipCheck(Set.of(OURS, "dingsister"), false);
    final MembershipCheck active = new MembershipCheck(Set.of(OURS), true);

    static Employee employee(String corpId, boolean isActive) {
        return new Employee("zhangsan", null, "张三", null, null, null, null, null, List.of(1L), false, false,
                List.of(), List.of(), isActive, corpId);
    }

    @Test
    void memberOfAnAllowedOrganizationIsAllowed() {
        assertEquals(Verdict.ALLOWED, check.judge(OURS, MEMBER, null));
    }

    @Test
    void anyAllowedOrganizationWillDo() {
        assertEquals(Verdict.ALLOWED, check.judge("dingsister", MEMBER, null));
    }

    @Test
    void foreignOrganizationIsRefused() {
        assertEquals(Verdict.FOREIGN_ORGANIZATION, check.judge("dingother", MEMBER, null));
    }

    @Test
    void corpIdComparisonIsExact() {
        assertEquals(Verdict.FOREIGN_ORGANIZATION, check.corp("DINGOURS"));
    }

    @Test
    void missingCorpIdIsRefused() {
        assertEquals(Verdict.CORP_ID_MISSING, check.judge(null, MEMBER, null));
    }

    @Test
    void foreignOrganizationWinsOverMembership() {
        assertEquals(Verdict.FOREIGN_ORGANIZATION, check.judge("dingother", Membership.of(Status.NOT_FOUND), null));
    }

    @Test
    void notFoundIsNotAMember() {
        assertEquals(Verdict.NOT_A_MEMBER, check.judge(OURS, Membership.of(Status.NOT_FOUND), null));
    }

    @Test
    void externalContactIsRefused() {
        assertEquals(Verdict.EXTERNAL_CONTACT, check.judge(OURS, Membership.of(Status.EXTERNAL_CONTACT), null));
    }

    @Test
    void outsideTheAppsScopeIsRefused() {
        assertEquals(Verdict.OUTSIDE_APP_SCOPE, check.judge(OURS, Membership.of(Status.OUTSIDE_APP_SCOPE), null));
    }

    @Test
    void inactiveEmployeeIsAllowedWhenActivityIsNotRequired() {
        assertEquals(Verdict.ALLOWED, check.judge(OURS, MEMBER, employee(OURS, false)));
    }

    @Test
    void inactiveEmployeeIsRefusedWhenActivityIsRequired() {
        assertEquals(Verdict.INACTIVE, active.judge(OURS, MEMBER, employee(OURS, false)));
    }

    @Test
    void activeEmployeeIsAllowedWhenActivityIsRequired() {
        assertEquals(Verdict.ALLOWED, active.judge(OURS, MEMBER, employee(OURS, true)));
    }

    @Test
    void missingProfileIsRefusedWhenActivityIsRequired() {
        assertEquals(Verdict.INACTIVE, active.judge(OURS, MEMBER, null));
    }

    @Test
    void profileOfAnotherAllowedOrganizationThanThePickedOneIsRefused() {
        assertEquals(Verdict.FOREIGN_ORGANIZATION, check.judge(OURS, MEMBER, employee("dingsister", true)));
    }

    @Test
    void profileOfAForeignOrganizationIsRefused() {
        assertEquals(Verdict.FOREIGN_ORGANIZATION, check.judge(OURS, MEMBER, employee("dingother", true)));
    }

    @Test
    void profileWithoutCorpIdIsJudgedOnTheRest() {
        assertEquals(Verdict.ALLOWED, active.judge(OURS, MEMBER, employee(null, true)));
    }

    @Test
    void requiresEmployeeOnlyWithRequireActive() {
        assertTrue(active.requiresEmployee());
        assertFalse(check.requiresEmployee());
    }

    @Test
    void verdictCodesAreLowerCase() {
        assertEquals("foreign_organization", Verdict.FOREIGN_ORGANIZATION.code());
        assertTrue(Verdict.ALLOWED.allowed());
        assertFalse(Verdict.INACTIVE.allowed());
    }

    @Test
    void emptyAllowListIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new MembershipCheck(Set.of(), false));
    }
}
