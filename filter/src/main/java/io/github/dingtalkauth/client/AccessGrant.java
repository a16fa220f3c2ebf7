package io.github.dingtalkauth.client;

/**
 * What the token call gives for one login: the user's access token (used once, for the profile call, then dropped)
 * and the organization the user chose, when the scope asked for it.
 */
public record AccessGrant(String accessToken, String corpId) {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "AccessGrant[accessToken=****, corpId=" + corpId + "]";
    }
}
