package io.github.dingtalkauth;

import io.github.dingtalkauth.DingTalkPrincipal.NameSource;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link DingTalkPrincipal}, from {@link DingTalkPrincipal#builder(String)}. Every field but the
 * {@code unionId} is optional: texts default to null, flags to false, lists and roles to empty, the name to the
 * {@code unionId}. Empty texts count as absent.
 *
 * <pre>{@code
 * DingTalkPrincipal user = DingTalkPrincipal.builder("Qk3xT9mWpLr2vBn8aYc7DiiEiE")
 *         .nick("张三").userId("zhangsan").title("架构师").deptIds(List.of(8187L))
 *         .member(true).roles(Set.of("staff"))
 *         .build();
 * }</pre>
 */
public final class DingTalkPrincipalBuilder {
    final String unionId;
    String openId;
    String nick;
    String avatarUrl;
    String email;
    String mobile;
    String stateCode;
    String corpId;
    String userId;
    String employeeName;
    String title;
    String jobNumber;
    String orgEmail;
    List<Long> deptIds = List.of();
    List<Long> leaderInDepts = List.of();
    List<String> dingTalkRoleNames = List.of();
    boolean admin;
    boolean boss;
    boolean active;
    boolean member;
    Set<String> roles = Set.of();
    NameSource nameSource = NameSource.UNION_ID;

    DingTalkPrincipalBuilder(String unionId) {
        Objects.requireNonNull(unionId, "unionId");
        if (unionId.isEmpty()) {
            throw new IllegalArgumentException("unionId is empty");
        }
        this.unionId = unionId;
    }

    public DingTalkPrincipalBuilder openId(String openId) {
        this.openId = text(openId);
        return this;
    }

    public DingTalkPrincipalBuilder nick(String nick) {
        this.nick = text(nick);
        return this;
    }

    public DingTalkPrincipalBuilder avatarUrl(String avatarUrl) {
        this.avatarUrl = text(avatarUrl);
        return this;
    }

    public DingTalkPrincipalBuilder email(String email) {
        this.email = text(email);
        return this;
    }

    public DingTalkPrincipalBuilder mobile(String mobile) {
        this.mobile = text(mobile);
        return this;
    }

    public DingTalkPrincipalBuilder stateCode(String stateCode) {
        this.stateCode = text(stateCode);
        return this;
    }

    public DingTalkPrincipalBuilder corpId(String corpId) {
        this.corpId = text(corpId);
        return this;
    }

    public DingTalkPrincipalBuilder userId(String userId) {
        this.userId = text(userId);
        return this;
    }

    public DingTalkPrincipalBuilder employeeName(String employeeName) {
        this.employeeName = text(employeeName);
        return this;
    }

    public DingTalkPrincipalBuilder title(String title) {
        this.title = text(title);
        return this;
    }

    public DingTalkPrincipalBuilder jobNumber(String jobNumber) {
        this.jobNumber = text(jobNumber);
        return this;
    }

    public DingTalkPrincipalBuilder orgEmail(String orgEmail) {
        this.orgEmail = text(orgEmail);
        return this;
    }

    public DingTalkPrincipalBuilder deptIds(Collection<Long> deptIds) {
        this.deptIds = List.copyOf(deptIds);
        return this;
    }

    public DingTalkPrincipalBuilder leaderInDepts(Collection<Long> leaderInDepts) {
        this.leaderInDepts = List.copyOf(leaderInDepts);
        return this;
    }

    public DingTalkPrincipalBuilder dingTalkRoleNames(Collection<String> names) {
        this.dingTalkRoleNames = List.copyOf(names);
        return this;
    }

    public DingTalkPrincipalBuilder admin(boolean admin) {
        this.admin = admin;
        return this;
    }

    public DingTalkPrincipalBuilder boss(boolean boss) {
        this.boss = boss;
        return this;
    }

    public DingTalkPrincipalBuilder active(boolean active) {
        this.active = active;
        return this;
    }

    public DingTalkPrincipalBuilder member(boolean member) {
        this.member = member;
        return this;
    }

    public DingTalkPrincipalBuilder roles(Collection<String> roles) {
        this.roles = Set.copyOf(roles);
        return this;
    }

    /** Which identifier {@link DingTalkPrincipal#getName()} returns; it must then be set. */
    public DingTalkPrincipalBuilder nameSource(NameSource nameSource) {
        this.nameSource = Objects.requireNonNull(nameSource, "nameSource");
        return this;
    }

    /** @throws IllegalArgumentException when the identifier chosen by {@link #nameSource} is missing */
    public DingTalkPrincipal build() {
        return DingTalkPrincipal.of(this);
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
