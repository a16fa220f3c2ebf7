package io.github.dingtalkauth.client;

import java.util.Objects;

/**
 * What {@code getbyunionid} says about a DingTalk account in the app's organization.
 *
 * @param userId the employee id; present only for {@link Status#MEMBER}
 */
public record Membership(Status status, String userId) {

    public enum Status {
        /** {@code errcode} 0 with {@code contact_type} 0: an employee. */
        MEMBER,
        /** {@code contact_type} 1: an external contact, who is not a member. */
        EXTERNAL_CONTACT,
        /** {@code errcode} 60121: not in the organization (or has left it). */
        NOT_FOUND,
        /** {@code errcode} 50002 or 50004: outside the range of people the app is visible to. */
        OUTSIDE_APP_SCOPE
    }

    public Membership {
        Objects.requireNonNull(status, "status");
        if ((status == Status.MEMBER) != (userId != null)) {
            throw new IllegalArgumentException("a member, and only a member, has a userId");
        }
    }

    public static Membership member(String userId) {
        return new Membership(Status.MEMBER, Objects.requireNonNull(userId, "userId"));
    }

    public static Membership of(Status status) {
        return new Membership(status, null);
    }

    public boolean isMember() {
        return status == Status.MEMBER;
    }
}
