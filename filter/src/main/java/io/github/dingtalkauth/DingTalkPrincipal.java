package io.github.dingtalkauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.security.Principal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in DingTalk user, as DingTalk described them at sign-in: the account ({@code /v1.0/contact/users/me}),
 * and, with {@code employeeProfile} or {@code allowedCorpIds}, the employee in the organization
 * ({@code topapi/v2/user/get}) and the roles the {@code role.*} rules gave them. It lives in the {@link HttpSession},
 * so it is small (a compact serial form, well under 1 KiB for a full profile), immutable and serializable, and it
 * holds no token. JavaBean getters let JSP EL and template engines read it:
 * {@code ${pageContext.request.userPrincipal.title}}.
 *
 * <p>{@link #getName()} is the {@code unionId} (stable for a person across all apps of one developer organization)
 * unless the {@code principalName} setting chose {@code userId} or {@code openId}. {@code email} and {@code mobile}
 * are neither verified nor stable; never link accounts by them. Employee fields are null, false or empty when there
 * is no employee profile, or when DingTalk left them out.
 */
public final class DingTalkPrincipal implements Principal, Serializable {
    private static final long serialVersionUID = 2L;

    /** The session attribute that holds the principal of a signed-in user. */
    public static final String SESSION_ATTRIBUTE = "io.github.dingtalkauth.principal";

    /** Which identifier {@link #getName()} (and {@code request.getRemoteUser()}) returns. */
    public enum NameSource {
        UNION_ID, USER_ID, OPEN_ID
    }

    // The account (/v1.0/contact/users/me) and the organization picked at sign-in.
    final String unionId;
    final String openId;
    final String nick;
    final String avatarUrl;
    final String email;
    final String mobile;
    final String stateCode;
    final String corpId;
    // The employee (topapi/v2/user/get).
    final String userId;
    final String employeeName;
    final String title;
    final String jobNumber;
    final String orgEmail;
    final List<Long> deptIds;
    final List<Long> leaderInDepts;
    final List<String> dingTalkRoleNames;
    final boolean admin;
    final boolean boss;
    final boolean active;
    // What sign-in decided.
    final boolean member;
    final Set<String> roles;
    final NameSource nameSource;

    /** The account alone: no employee profile, no roles, named by {@code unionId}. See {@link #builder(String)}. */
    public DingTalkPrincipal(String unionId, String openId, String nick, String avatarUrl, String email, String mobile,
                             String stateCode, String corpId) {
        this(builder(unionId).openId(openId).nick(nick).avatarUrl(avatarUrl).email(email).mobile(mobile)
                .stateCode(stateCode).corpId(corpId));
    }

    private DingTalkPrincipal(DingTalkPrincipalBuilder b) {
        this.unionId = b.unionId;
        this.openId = b.openId;
        this.nick = b.nick;
        this.avatarUrl = b.avatarUrl;
        this.email = b.email;
        this.mobile = b.mobile;
        this.stateCode = b.stateCode;
        this.corpId = b.corpId;
        this.userId = b.userId;
        this.employeeName = b.employeeName;
        this.title = b.title;
        this.jobNumber = b.jobNumber;
        this.orgEmail = b.orgEmail;
        this.deptIds = List.copyOf(b.deptIds);
        this.leaderInDepts = List.copyOf(b.leaderInDepts);
        this.dingTalkRoleNames = List.copyOf(b.dingTalkRoleNames);
        this.admin = b.admin;
        this.boss = b.boss;
        this.active = b.active;
        this.member = b.member;
        this.roles = Set.copyOf(b.roles);
        this.nameSource = b.nameSource;
        if (getName() == null) {
            throw new IllegalArgumentException("the principal is named by " + nameSource + ", which is missing");
        }
    }

    /**
     * A principal built field by field: how the filter makes one at sign-in, and how a test of your application can.
     * Only {@code unionId} is required.
     */
    public static DingTalkPrincipalBuilder builder(String unionId) {
        return new DingTalkPrincipalBuilder(unionId);
    }

    static DingTalkPrincipal of(DingTalkPrincipalBuilder builder) {
        return new DingTalkPrincipal(builder);
    }

    /** The principal of the user signed in on this request's session, without creating a session. */
    public static Optional<DingTalkPrincipal> current(HttpServletRequest request) {
        return Optional.ofNullable(find(request));
    }

    /** {@link #current} without the Optional, for the filter's hot path; null when nobody is signed in. */
    static DingTalkPrincipal find(HttpServletRequest request) {
        if (request.getUserPrincipal() instanceof DingTalkPrincipal principal) {
            return principal;
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        try {
            return session.getAttribute(SESSION_ATTRIBUTE) instanceof DingTalkPrincipal principal ? principal : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** The {@code unionId}, or the {@code userId} or {@code openId} when {@code principalName} says so. */
    @Override
    public String getName() {
        return switch (nameSource) {
            case UNION_ID -> unionId;
            case USER_ID -> userId;
            case OPEN_ID -> openId;
        };
    }

    public String getUnionId() {
        return unionId;
    }

    /** Per-app user id; may be null. */
    public String getOpenId() {
        return openId;
    }

    public String getNick() {
        return nick;
    }

    public String getAvatarUrl() {
        return avatarUrl;
    }

    /** Personal e-mail as the user typed it into DingTalk: optional and unverified. */
    public String getEmail() {
        return email;
    }

    /** Needs the Contact.User.mobile permission; may be masked or null. */
    public String getMobile() {
        return mobile;
    }

    /** Country calling code of {@link #getMobile()}, such as {@code 86}. */
    public String getStateCode() {
        return stateCode;
    }

    /** The organization the user picked; present only with {@code scope=openid corpid} (or {@code allowedCorpIds}). */
    public String getCorpId() {
        return corpId;
    }

    /** The employee id in the organization ({@code userid}). */
    public String getUserId() {
        return userId;
    }

    /** The name in the organization's directory ({@code name}), which may differ from the nick. */
    public String getEmployeeName() {
        return employeeName;
    }

    public String getTitle() {
        return title;
    }

    public String getJobNumber() {
        return jobNumber;
    }

    /** The organization's e-mail address for this employee ({@code org_email}). */
    public String getOrgEmail() {
        return orgEmail;
    }

    /** The departments the employee belongs to directly ({@code dept_id_list}). */
    public List<Long> getDeptIds() {
        return deptIds;
    }

    /** The departments the employee leads ({@code leader_in_dept} entries with {@code leader: true}). */
    public List<Long> getLeaderInDepts() {
        return leaderInDepts;
    }

    /** The names of the employee's DingTalk roles ({@code role_list}), such as 子管理员. */
    public List<String> getDingTalkRoleNames() {
        return dingTalkRoleNames;
    }

    /** An administrator of the organization in DingTalk. */
    public boolean isAdmin() {
        return admin;
    }

    public boolean isBoss() {
        return boss;
    }

    /** Has activated DingTalk (not "is still employed": someone who left is not found at all). */
    public boolean isActive() {
        return active;
    }

    /** Confirmed at sign-in as an employee of the organization ({@code getbyunionid}: {@code contact_type} 0). */
    public boolean isMember() {
        return member;
    }

    /** The roles the {@code role.*} rules gave this person at sign-in; {@code isUserInRole} answers from them. */
    public Set<String> getRoles() {
        return roles;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DingTalkPrincipal p && unionId.equals(p.unionId) && Objects.equals(openId, p.openId)
                && Objects.equals(nick, p.nick) && Objects.equals(avatarUrl, p.avatarUrl)
                && Objects.equals(email, p.email) && Objects.equals(mobile, p.mobile)
                && Objects.equals(stateCode, p.stateCode) && Objects.equals(corpId, p.corpId)
                && Objects.equals(userId, p.userId) && Objects.equals(employeeName, p.employeeName)
                && Objects.equals(title, p.title) && Objects.equals(jobNumber, p.jobNumber)
                && Objects.equals(orgEmail, p.orgEmail) && deptIds.equals(p.deptIds)
                && leaderInDepts.equals(p.leaderInDepts) && dingTalkRoleNames.equals(p.dingTalkRoleNames)
                && admin == p.admin && boss == p.boss && active == p.active && member == p.member
                && roles.equals(p.roles) && nameSource == p.nameSource;
    }

    @Override
    public int hashCode() {
        return unionId.hashCode();
    }

    /** Leaves out names, e-mail and mobile, which are personal data that should not reach logs. */
    @Override
    public String toString() {
        return "DingTalkPrincipal[unionId=" + unionId + ", nick=" + nick + "]";
    }

    /** Sessions hold the compact {@link PrincipalForm}, which rebuilds the principal through its checks. */
    private Object writeReplace() {
        return new PrincipalForm(this);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a DingTalkPrincipal is read through its serial form");
    }
}
