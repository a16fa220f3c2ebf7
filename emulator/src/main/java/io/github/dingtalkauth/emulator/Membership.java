package io.github.dingtalkauth.emulator;

import java.util.List;
import java.util.Objects;

/**
 * What the emulator's home organization knows about a DingTalk account: {@code getbyunionid} answers with
 * {@link #userId} and {@link #contactType}, and {@code topapi/v2/user/get} with the employee profile. A user without
 * a membership is not in the organization (errcode 60121).
 *
 * <p>In a users file this is the member {@code "membership"}, whose fields carry DingTalk's own snake_case names
 * ({@code userid}, {@code contact_type}, {@code job_number}, {@code org_email}, {@code dept_id_list},
 * {@code leader_in_dept}, {@code role_list}, {@code real_authed}, {@code hired_date}, {@code exclusive_account}), so
 * that an answer copied from DingTalk's documentation reads as it is.
 *
 * @param contactType   {@value #MEMBER} an employee, {@value #EXTERNAL_CONTACT} an external contact (not a member)
 * @param name          the name in the organization; null means the account's nick
 * @param email         the e-mail the app may see (needs a permission, so often absent)
 * @param mobile        the mobile number the app may see (needs a permission, so often absent)
 * @param leaderInDepts the departments, among {@code deptIds}, that this person leads
 * @param active        "has activated DingTalk", not "is still employed"
 * @param hiredDate     milliseconds since the epoch, or null
 */
public record Membership(
        String userId,
        int contactType,
        String name,
        String title,
        String jobNumber,
        String orgEmail,
        String email,
        String mobile,
        List<Long> deptIds,
        List<Long> leaderInDepts,
        List<Role> roles,
        boolean admin,
        boolean boss,
        boolean senior,
        boolean active,
        boolean realAuthed,
        Long hiredDate,
        boolean exclusiveAccount) {

    public static final int MEMBER = 0;
    public static final int EXTERNAL_CONTACT = 1;

    /** A DingTalk role ({@code role_list} entry), e.g. {@code {"id":57220,"name":"子管理员","group_name":"默认"}}. */
    public record Role(long id, String name, String groupName) {
        public Role {
            Objects.requireNonNull(name, "role name");
            Objects.requireNonNull(groupName, "role group name");
        }
    }

    public Membership {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a membership needs a userid");
        }
        if (contactType != MEMBER && contactType != EXTERNAL_CONTACT) {
            throw new IllegalArgumentException("contact_type must be 0 (member) or 1 (external contact): "
                    + contactType);
        }
        deptIds = List.copyOf(deptIds);
        leaderInDepts = List.copyOf(leaderInDepts);
        roles = List.copyOf(roles);
        if (!deptIds.containsAll(leaderInDepts)) {
            throw new IllegalArgumentException("leader_in_dept names a department not in dept_id_list, user "
                    + userId);
        }
    }

    /** An activated employee in no department, with no title and no roles. */
    public static Membership member(String userId) {
        return new Membership(userId, MEMBER, null, null, null, null, null, null, List.of(), List.of(), List.of(),
                false, false, false, true, true, null, false);
    }

    /** An external contact of the organization: {@code getbyunionid} finds them, but they are not a member. */
    public static Membership externalContact(String userId) {
        return new Membership(userId, EXTERNAL_CONTACT, null, null, null, null, null, null, List.of(), List.of(),
                List.of(), false, false, false, true, true, null, false);
    }

    public boolean isMember() {
        return contactType == MEMBER;
    }
}
