package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.web.QueryParameters;
import java.util.regex.Pattern;

/**
 * What DingTalk's redirect back says, checked before anything is looked up: exactly one well-formed {@code state},
 * and either a well-formed code or an error, never both. DingTalk sends the code as {@code authCode}; {@code code}
 * is accepted too, and when both come they must agree.
 *
 * @param code  the authorization code; null exactly when {@code error} is set
 * @param error DingTalk's error (the user cancelled); only its presence counts, so it is never shown
 */
record CallbackParameters(String state, String code, String error) {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_\\-]{1,256}");
    private static final String[] SINGLE = {"state", "authCode", "code", "error"};

    /** The parameters, or why they are refused and what the log may add (our own words, never request values). */
    record Parsed(CallbackParameters parameters, Reason refusal, String detail) {
        private static Parsed refused(Reason reason, String detail) {
            return new Parsed(null, reason, detail);
        }
    }

    static Parsed parse(String rawQuery) {
        QueryParameters query = QueryParameters.parse(rawQuery);
        if (query == null) {
            return Parsed.refused(Reason.MALFORMED_REQUEST, null);
        }
        for (String name : SINGLE) {
            if (query.isRepeated(name)) {
                return Parsed.refused(Reason.DUPLICATE_PARAMETER, "parameter=" + name);
            }
        }
        String state = query.get("state");
        String error = emptyToNull(query.get("error"));
        String authCode = emptyToNull(query.get("authCode"));
        String plainCode = emptyToNull(query.get("code"));
        String code = authCode != null ? authCode : plainCode;
        Reason malformed = state == null || state.isBlank() ? Reason.STATE_MISSING
                : !StateTokens.isWellFormed(state) ? Reason.STATE_INVALID
                : authCode != null && plainCode != null && !authCode.equals(plainCode) ? Reason.CODE_CONFLICT
                : error != null && code != null ? Reason.ERROR_WITH_CODE
                : error == null && code == null ? Reason.CODE_MISSING
                : error == null && !CODE.matcher(code).matches() ? Reason.CODE_INVALID
                : null;
        return malformed != null ? Parsed.refused(malformed, null)
                : new Parsed(new CallbackParameters(state, code, error), null, null);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
