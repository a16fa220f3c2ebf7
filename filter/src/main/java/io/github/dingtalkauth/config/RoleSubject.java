package io.github.dingtalkauth.config;

import java.util.Set;

/**
 * What role rules look at, computed once at sign-in. Unknown texts are null; sets are never null.
 *
 * @param member            a confirmed member of an allowed organization ({@code getbyunionid}: employee)
 * @param admin             DingTalk's {@code admin} flag
 * @param leader            leader of at least one department
 * @param dingtalkRoleNames the names of the person's DingTalk roles, such as 子管理员
 */
public record RoleSubject(String unionId, String userId, String corpId, boolean member, boolean admin, boolean boss,
                          boolean leader, Set<Long> deptIds, Set<String> dingtalkRoleNames) {

    public RoleSubject {
        deptIds = deptIds == null ? Set.of() : Set.copyOf(deptIds);
        dingtalkRoleNames = dingtalkRoleNames == null ? Set.of() : Set.copyOf(dingtalkRoleNames);
    }
}
