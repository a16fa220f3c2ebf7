package io.github.dingtalkauth.emulator;

/**
 * An authorize request that passed validation, remembered behind the consent page's ticket.
 *
 * @param state        returned unchanged; null when the client sent none
 * @param corpScope    whether the scope was {@code openid corpid}, which adds {@code corpId} to the token answer
 * @param organization the organization parameters, shown on the consent page
 * @param legacy       whether it came to a legacy page ({@code connect/qrconnect}, {@code sns_authorize}): then the
 *                     code is a legacy temporary code, for {@code sns/getuserinfo_bycode} only
 */
record AuthorizeRequest(String redirectUri, String state, boolean corpScope, Organization organization,
        boolean legacy) {

    AuthorizeRequest(String redirectUri, String state, boolean corpScope, Organization organization) {
        this(redirectUri, state, corpScope, organization, false);
    }

    static final Organization NO_ORGANIZATION = new Organization(null, null, false, null);

    /**
     * @param corpId          the organization to pre-select, or null
     * @param orgType         {@code management} (list only organizations the user administers), or null
     * @param exclusiveCorpId the organization of the exclusive (专属) account, or null
     */
    record Organization(String corpId, String orgType, boolean exclusiveLogin, String exclusiveCorpId) {
    }
}
