package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.SignInError;
import io.github.dingtalkauth.client.DingTalkApiException;

/**
 * Why a sign-in did not happen: the public {@link SignInError} (code and status, for logs and the application's error
 * page) plus the key of the built-in page's words, which stay internal. The texts are fixed, so nothing a caller or
 * DingTalk sent is ever shown to the user.
 */
public enum Reason {
    STATE_MISSING(SignInError.STATE_MISSING),
    STATE_INVALID(SignInError.STATE_INVALID),
    STATE_UNKNOWN(SignInError.STATE_UNKNOWN),
    STATE_EXPIRED(SignInError.STATE_EXPIRED),
    CODE_MISSING(SignInError.CODE_MISSING),
    CODE_INVALID(SignInError.CODE_INVALID),
    CODE_CONFLICT(SignInError.CODE_CONFLICT),
    ERROR_WITH_CODE(SignInError.ERROR_WITH_CODE),
    DUPLICATE_PARAMETER(SignInError.DUPLICATE_PARAMETER),
    MALFORMED_REQUEST(SignInError.MALFORMED_REQUEST),
    SESSION_FROM_URL(SignInError.SESSION_FROM_URL),
    METHOD_NOT_ALLOWED(SignInError.METHOD_NOT_ALLOWED),
    ACCESS_DENIED(SignInError.ACCESS_DENIED),
    PROVIDER_ERROR(SignInError.PROVIDER_ERROR),
    PROVIDER_UNAVAILABLE(SignInError.PROVIDER_UNAVAILABLE),
    PROVIDER_TIMEOUT(SignInError.PROVIDER_TIMEOUT),
    INVALID_RESPONSE(SignInError.INVALID_RESPONSE),
    CROSS_SITE_LOGOUT(SignInError.CROSS_SITE_LOGOUT),
    ROLE_REQUIRED(SignInError.ROLE_REQUIRED),
    NOT_A_MEMBER(SignInError.NOT_A_MEMBER),
    PROVIDER_BUSY(SignInError.PROVIDER_BUSY),
    RATE_LIMITED(SignInError.RATE_LIMITED),
    CLOCK_SKEW(SignInError.CLOCK_SKEW),
    IN_APP_TOKEN_INVALID(SignInError.IN_APP_TOKEN_INVALID);

    private final SignInError error;

    Reason(SignInError error) {
        this.error = error;
    }

    /** What the person is told when DingTalk did not answer a sign-in's call as it should. */
    static Reason of(DingTalkApiException e) {
        return switch (e.kind()) {
            case TIMEOUT -> PROVIDER_TIMEOUT;
            case UNAVAILABLE -> PROVIDER_UNAVAILABLE;
            case ERROR_STATUS -> PROVIDER_ERROR;
            case INVALID_RESPONSE -> INVALID_RESPONSE;
        };
    }

    public SignInError error() {
        return error;
    }

    /** The reason code, such as {@code state_unknown}, for logs and error pages. */
    public String code() {
        return error.code();
    }

    public int status() {
        return error.status();
    }

    /** The key of the built-in page's text, {@code reason.<code>}, in {@code dingtalk-auth/messages_*.properties}. */
    public String messageKey() {
        return "reason." + code();
    }
}
