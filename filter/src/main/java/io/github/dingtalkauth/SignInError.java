package io.github.dingtalkauth;

import jakarta.servlet.ServletRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a sign-in did not happen. When {@code errorPage} is set, the filter forwards a refused request there with the
 * response status already set to {@link #status()} and the {@link #code()} in request attribute
 * {@value #REQUEST_ATTRIBUTE}, so the page can explain it in its own words:
 *
 * <pre>{@code
 * switch (SignInError.current(request).orElse(SignInError.MALFORMED_REQUEST)) {
 *     case ACCESS_DENIED -> ...;            // the user said no at DingTalk
 *     case STATE_EXPIRED, STATE_UNKNOWN -> ...; // an old or foreign sign-in: offer to start again
 *     default -> ...;
 * }
 * }</pre>
 *
 * The same code is in the filter's WARN log line ({@code reason=state_unknown}). {@link #METHOD_NOT_ALLOWED},
 * {@link #ROLE_REQUIRED} (a signed-in person refused by a {@code require.} rule) and a {@link #RATE_LIMITED} request
 * that is not a page navigation are answered by the filter itself and never reach the error page.
 */
public enum SignInError {
    STATE_MISSING(400),
    STATE_INVALID(400),
    STATE_UNKNOWN(400),
    STATE_EXPIRED(400),
    CODE_MISSING(400),
    CODE_INVALID(400),
    CODE_CONFLICT(400),
    ERROR_WITH_CODE(400),
    DUPLICATE_PARAMETER(400),
    MALFORMED_REQUEST(400),
    SESSION_FROM_URL(400),
    METHOD_NOT_ALLOWED(405),
    ACCESS_DENIED(403),
    PROVIDER_ERROR(502),
    PROVIDER_UNAVAILABLE(502),
    PROVIDER_TIMEOUT(504),
    INVALID_RESPONSE(502),
    CROSS_SITE_LOGOUT(403),
    /** A signed-in person lacks every role a {@code require.} rule lists for the path. */
    ROLE_REQUIRED(403),
    /**
     * With {@code allowedCorpIds}: the DingTalk account is not an employee of an allowed organization (another
     * organization picked, no corpId, not found, an external contact, outside the app's visible range, or not
     * activated under {@code requireActive}). The log line's {@code verdict=} says which.
     */
    NOT_A_MEMBER(403),
    /**
     * {@code maxConcurrentCalls} sign-ins are already waiting on DingTalk (usually because DingTalk is slow): refused
     * at once with {@code Retry-After}, without calling DingTalk. The login in flight is kept, so the same callback
     * URL works when tried again.
     */
    PROVIDER_BUSY(503),
    /** This client address started more logins than {@code loginRateLimit} allows; {@code Retry-After} says when. */
    RATE_LIMITED(429),
    /**
     * With {@code flow=legacy}: DingTalk refused the signed call because this server's clock differs from DingTalk's
     * by more than a minute ({@code errcode} 853002). Fix the server's time (NTP).
     */
    CLOCK_SKEW(502),
    /**
     * With {@code inAppLogin}: a POST to {@code inAppPath} without the one-time token of the sign-in page this browser
     * was shown, with a wrong one, or with one already used. DingTalk is not called.
     */
    IN_APP_TOKEN_INVALID(403);

    /** The request attribute holding the {@link #code()} of the refusal, for a configured {@code errorPage}. */
    public static final String REQUEST_ATTRIBUTE = "io.github.dingtalkauth.error";

    private final int status;
    private final String code;

    SignInError(int status) {
        this.status = status;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    /** The reason code, such as {@code state_unknown}: lower case, stable across releases. */
    public String code() {
        return code;
    }

    /** The HTTP status of the refusal. */
    public int status() {
        return status;
    }

    /** The error of a code such as {@code state_unknown}; empty for null or anything else. */
    public static Optional<SignInError> fromCode(String code) {
        for (SignInError error : values()) {
            if (error.code.equals(code)) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }

    /** Why the sign-in that forwarded this request to the error page failed; empty on any other request. */
    public static Optional<SignInError> current(ServletRequest request) {
        return request.getAttribute(REQUEST_ATTRIBUTE) instanceof String code ? fromCode(code) : Optional.empty();
    }
}
