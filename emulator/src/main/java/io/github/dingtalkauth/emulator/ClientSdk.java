package io.github.dingtalkauth.emulator;

/**
 * How the emulator's stand-in for DingTalk's JS SDK ({@code dingtalk.open.js}, served at
 * {@link DingTalkEmulator#jsapiUrl()}) behaves, set with {@link DingTalkEmulator#setClientSdk}: as a current client,
 * or in one of the ways a page inside the client sees it fail.
 */
public enum ClientSdk {
    /** {@code dd.requestAuthCode} (and the older {@code dd.runtime.permission.requestAuthCode}) answer {@code {code}}. */
    ANSWERS_CODE,
    /** As {@link #ANSWERS_CODE}, but the answer is {@code {authCode}}. */
    ANSWERS_AUTH_CODE,
    /** A client before 7.0.45 (mobile) or 7.0.50 (PC): only {@code dd.runtime.permission.requestAuthCode}. */
    OLD_CLIENT,
    /** Every call fails with JSAPI error 3, as when the page's domain is not the app's configured one. */
    JSAPI_ERROR,
    /** Calls are accepted and never answered, neither success nor failure. */
    NEVER_ANSWERS,
    /** The script itself is not there: 404. */
    SCRIPT_MISSING
}
