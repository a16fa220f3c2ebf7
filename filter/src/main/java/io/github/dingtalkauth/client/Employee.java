package io.github.dingtalkauth.client;

import java.util.List;
import java.util.Objects;

/**
 * An employee as {@code topapi/v2/user/get} describes them. Optional texts are null when DingTalk left them out
 * (no permission for {@code email} or {@code mobile} is normal); lists are never null.
 *
 * @param leaderInDepts the departments in which {@code leader_in_dept} says {@code leader: true}
 * @param roleNames     the names in {@code role_list}, such as 子管理员
 * @param active        "has activated DingTalk", not "is still employed"; false when absent
 */
public record Employee(String userId, String unionId, String name, String title, String jobNumber, String orgEmail,
                       String email, String mobile, List<Long> deptIds, boolean admin, boolean boss,
                       List<Long> leaderInDepts, List<String> roleNames, boolean active, String corpId) {

    public Employee {
        Objects.requireNonNull(userId, "userId");
        deptIds = List.copyOf(deptIds);
        leaderInDepts = List.copyOf(leaderInDepts);
        roleNames = List.copyOf(roleNames);
    }

    /** Leaves out names, e-mail and mobile: personal data that should not reach logs. */
    @Override
    public String toString() {
        return "Employee[userId=" + userId + ", corpId=" + corpId + ", active=" + active + "]";
    }
}
