package io.github.dingtalkauth.client;

import java.util.Locale;

/**
 * A call to DingTalk failed. Carries what the log may show: the step, the kind of failure, the HTTP status and
 * DingTalk's error code and request id (sanitised). Never a token, a code, a secret or a response body.
 */
public final class DingTalkApiException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The deadline passed: connecting, waiting for headers or reading the body. */
        TIMEOUT,
        /** No answer could be had: connection refused, reset or closed. */
        UNAVAILABLE,
        /** DingTalk answered with an error status. */
        ERROR_STATUS,
        /** The answer was not what the protocol promises: not JSON, too large, a redirect, a missing field. */
        INVALID_RESPONSE
    }

    private final Kind kind;
    private final String step;
    private final int status;
    private final String providerCode;
    private final String requestId;

    DingTalkApiException(Kind kind, String step, int status, String providerCode, String requestId, String detail) {
        super("step=" + step + " failure=" + kind.name().toLowerCase(Locale.ROOT)
                + (status > 0 ? " status=" + status : "")
                + (providerCode != null ? " code=" + providerCode : "")
                + (requestId != null ? " requestid=" + requestId : "")
                + (detail != null ? " (" + detail + ")" : ""), null, false, false);
        this.kind = kind;
        this.step = step;
        this.status = status;
        this.providerCode = providerCode;
        this.requestId = requestId;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code token}, {@code profile}, {@code app_token}, {@code getbyunionid} or {@code user_get}. */
    public String step() {
        return step;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** DingTalk's string error code such as {@code invalidCode}, or null. */
    public String providerCode() {
        return providerCode;
    }

    public String requestId() {
        return requestId;
    }
}
