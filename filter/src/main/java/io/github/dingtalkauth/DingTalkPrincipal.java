package io.github.dingtalkauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in DingTalk user, as DingTalk's {@code /v1.0/contact/users/me} described them at login. It lives in the
 * {@link HttpSession}, so it is small, immutable and serializable, and it holds no token. JavaBean getters let JSP EL
 * and template engines read it: {@code ${pageContext.request.userPrincipal.nick}}.
 *
 * <p>{@link #getName()} is the {@code unionId}: stable for a person across all apps of one developer organization.
 * {@code email} and {@code mobile} are neither verified nor stable; never link accounts by them.
 */
public final class DingTalkPrincipal implements Principal, Serializable {
    private static final long serialVersionUID = 1L;

    /** The session attribute that holds the principal of a signed-in user. */
    public static final String SESSION_ATTRIBUTE = "io.github.dingtalkauth.principal";

    private final String unionId;
    private final String openId;
    private final String nick;
    private final String avatarUrl;
    private final String email;
    private final String mobile;
    private final String stateCode;
    private final String corpId;

    public DingTalkPrincipal(String unionId, String openId, String nick, String avatarUrl, String email, String mobile,
                             String stateCode, String corpId) {
        this.unionId = Objects.requireNonNull(unionId, "unionId");
        this.openId = openId;
        this.nick = nick;
        this.avatarUrl = avatarUrl;
        this.email = email;
        this.mobile = mobile;
        this.stateCode = stateCode;
        this.corpId = corpId;
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

    @Override
    public String getName() {
        return unionId;
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

    /** The organization the user picked; present only with {@code scope=openid corpid}. */
    public String getCorpId() {
        return corpId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DingTalkPrincipal p && unionId.equals(p.unionId) && Objects.equals(openId, p.openId)
                && Objects.equals(nick, p.nick) && Objects.equals(avatarUrl, p.avatarUrl)
                && Objects.equals(email, p.email) && Objects.equals(mobile, p.mobile)
                && Objects.equals(stateCode, p.stateCode) && Objects.equals(corpId, p.corpId);
    }

    @Override
    public int hashCode() {
        return unionId.hashCode();
    }

    /** Leaves out e-mail and mobile, which are personal data that should not reach logs. */
    @Override
    public String toString() {
        return "DingTalkPrincipal[unionId=" + unionId + ", nick=" + nick + "]";
    }
}
