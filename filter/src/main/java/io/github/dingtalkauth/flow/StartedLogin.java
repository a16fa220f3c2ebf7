package io.github.dingtalkauth.flow;

/**
 * A login just recorded in this browser: what any way of entering it (redirect, QR page, JSON) needs.
 *
 * @param redirectUri  the callback URL DingTalk is to return to, not encoded
 * @param returnTarget the validated path the login comes back to
 * @param fallbackUrl  this application's URL that starts the same login as a plain redirect (context path included)
 */
record StartedLogin(String state, String redirectUri, String returnTarget, String fallbackUrl) {
}
