package io.github.dingtalkauth.testing;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import java.util.Locale;

/**
 * The filter's sign-in mode (setting {@code flow}) and what differs on the wire between the two, so that a suite can
 * run its scenarios in both: issue 10 wants the legacy flow held to everything the new one is.
 */
public enum Flow {
    /** DingTalk's OAuth 2.0: the callback's {@code authCode} is redeemed at {@code userAccessToken}. */
    OAUTH2("authCode", Endpoint.TOKEN, "code"),
    /** GitLab's legacy flow: the callback's {@code code} is redeemed at the signed {@code getuserinfo_bycode}. */
    LEGACY("code", Endpoint.LEGACY_USER_INFO, "tmp_auth_code");

    private final String codeParameter;
    private final Endpoint exchange;
    private final String exchangeCodeField;

    Flow(String codeParameter, Endpoint exchange, String exchangeCodeField) {
        this.codeParameter = codeParameter;
        this.exchange = exchange;
        this.exchangeCodeField = exchangeCodeField;
    }

    /** The value of the {@code flow} setting. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The callback's code parameter as DingTalk sends it in this flow. */
    public String codeParameter() {
        return codeParameter;
    }

    /** Where this flow redeems the callback's code: the token endpoint, or {@code sns/getuserinfo_bycode}. */
    public Endpoint exchange() {
        return exchange;
    }

    /** The field of the exchange's JSON body that carries the code. */
    public String exchangeCodeField() {
        return exchangeCodeField;
    }

    /** Profile calls one sign-in makes: none in the legacy flow, whose one exchange answers with the identity. */
    public int profileCallsPerSignIn() {
        return this == OAUTH2 ? 1 : 0;
    }

    /** The login page the filter sends the browser to in this flow. */
    public String authorizeUrl(DingTalkEmulator emulator) {
        return this == LEGACY ? emulator.legacyAuthorizeUrl() : emulator.authorizeUrl();
    }
}
