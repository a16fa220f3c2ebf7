package io.github.dingtalkauth.flow;

/**
 * A sign-in that must not happen although DingTalk answered every call: the person is not one of the organization's,
 * or an answer did not hold what the settings need. Carries the reason and the log line's detail, never personal
 * data.
 */
public final class SignInRefused extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final String detail;

    SignInRefused(Reason reason, String detail) {
        super("reason=" + reason.code() + " " + detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /** For the log line, such as {@code verdict=foreign_organization}. */
    public String detail() {
        return detail;
    }
}
