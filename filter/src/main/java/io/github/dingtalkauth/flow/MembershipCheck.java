package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.client.Employee;
import io.github.dingtalkauth.client.Membership;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a DingTalk account may sign in when {@code allowedCorpIds} restricts sign-in to the organization.
 * Three things must hold (protocol §6.2): the organization the person picked is allowed, {@code getbyunionid} calls
 * them an employee, and, with {@code requireActive}, the profile says {@code active}. Pure logic, no I/O.
 */
public final class MembershipCheck {

    public enum Verdict {
        ALLOWED,
        /** DingTalk returned no {@code corpId} although {@code scope=openid corpid} asked for one. */
        CORP_ID_MISSING,
        FOREIGN_ORGANIZATION,
        NOT_A_MEMBER,
        EXTERNAL_CONTACT,
        OUTSIDE_APP_SCOPE,
        INACTIVE;

        /** Such as {@code foreign_organization}, for the log line and reason codes. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean allowed() {
            return this == ALLOWED;
        }
    }

    private final Set<String> allowedCorpIds;
    private final boolean requireActive;

    public MembershipCheck(Set<String> allowedCorpIds, boolean requireActive) {
        if (allowedCorpIds.isEmpty()) {
            throw new IllegalArgumentException("allowedCorpIds is empty: there is nothing to check against");
        }
        this.allowedCorpIds = Set.copyOf(allowedCorpIds);
        this.requireActive = requireActive;
    }

    /** Whether {@link #judge} needs the employee profile. */
    public boolean requiresEmployee() {
        return requireActive;
    }

    /** The cheap first check, before any call to DingTalk's directory. */
    public Verdict corp(String tokenCorpId) {
        if (tokenCorpId == null) {
            return Verdict.CORP_ID_MISSING;
        }
        return allowedCorpIds.contains(tokenCorpId) ? Verdict.ALLOWED : Verdict.FOREIGN_ORGANIZATION;
    }

    public Verdict membership(Membership membership) {
        return switch (membership.status()) {
            case MEMBER -> Verdict.ALLOWED;
            case EXTERNAL_CONTACT -> Verdict.EXTERNAL_CONTACT;
            case NOT_FOUND -> Verdict.NOT_A_MEMBER;
            case OUTSIDE_APP_SCOPE -> Verdict.OUTSIDE_APP_SCOPE;
        };
    }

    /**
     * The employee profile, when there is one: its organization must be the one the person picked, and with
     * {@code requireActive} the person must have activated DingTalk. No profile under {@code requireActive} is
     * refused rather than waved through.
     */
    public Verdict employee(String tokenCorpId, Employee employee) {
        if (employee == null) {
            return requireActive ? Verdict.INACTIVE : Verdict.ALLOWED;
        }
        String corpId = employee.corpId();
        if (corpId != null && (!allowedCorpIds.contains(corpId) || !Objects.equals(corpId, tokenCorpId))) {
            return Verdict.FOREIGN_ORGANIZATION;
        }
        return requireActive && !employee.active() ? Verdict.INACTIVE : Verdict.ALLOWED;
    }

    /** All three checks in order; the first refusal wins. {@code employee} may be null. */
    public Verdict judge(String tokenCorpId, Membership membership, Employee employee) {
        Verdict verdict = corp(tokenCorpId);
        if (verdict.allowed()) {
            verdict = membership(membership);
        }
        return verdict.allowed() ? employee(tokenCorpId, employee) : verdict;
    }
}
