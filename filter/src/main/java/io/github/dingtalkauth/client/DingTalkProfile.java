package io.github.dingtalkauth.client;

import java.util.Objects;

/**
 * The signed-in account as {@code /v1.0/contact/users/me} describes it, read with this login's own access token.
 * Optional texts are null when DingTalk left them out. {@code email} and {@code mobile} are unverified.
 */
public record DingTalkProfile(String unionId, String openId, String nick, String avatarUrl, String email,
                              String mobile, String stateCode) {

    public DingTalkProfile {
        Objects.requireNonNull(unionId, "unionId");
    }

    /** Leaves out e-mail and mobile: personal data that should not reach logs. */
    @Override
    public String toString() {
        return "DingTalkProfile[unionId=" + unionId + ", nick=" + nick + "]";
    }
}
