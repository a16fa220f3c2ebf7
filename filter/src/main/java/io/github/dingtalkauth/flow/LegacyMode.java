package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.client.BackChannel;
import io.github.dingtalkauth.client.Deadline;
import io.github.dingtalkauth.client.DingTalkApiException;
import io.github.dingtalkauth.client.LegacyUserInfoClient;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;

/**
 * The legacy flow of GitLab's DingTalk provider (protocol §2, {@code flow=legacy}): {@code connect/qrconnect} (or
 * {@code sns_authorize}), then the signed {@code sns/getuserinfo_bycode}, whose {@code openid} is GitLab's
 * {@code uid}. Its answers name no organization, so with {@code allowedCorpIds} the organization is proven by the
 * directory instead: {@code getbyunionid} with the app's own token finds only the app's organization's people, and
 * the employee profile's {@code corp_id}, when DingTalk sends one, must be an allowed one.
 */
final class LegacyMode implements SignInMode {
    private static final String SCOPE = "snsapi_login";

    private final String authorizeQuery;
    private final LegacyUserInfoClient client;
    private final OrganizationStep organization;

    private LegacyMode(String authorizeQuery, LegacyUserInfoClient client, OrganizationStep organization) {
        this.authorizeQuery = authorizeQuery;
        this.client = client;
        this.organization = organization;
    }

    static LegacyMode create(DingTalkConfig config, BackChannel channel, OrganizationStep organization) {
        String query = AuthorizeQuery.base(config.get(Settings.AUTHORIZE_URL))
                + "appid=" + AuthorizeQuery.encode(config.appId()) + "&response_type=code&scope=" + SCOPE;
        return new LegacyMode(query, new LegacyUserInfoClient(config.get(Settings.OAPI_BASE_URL), config.appId(),
                config.appSecret(), channel, System::currentTimeMillis), organization);
    }

    @Override
    public String authorizeUrl(String encodedRedirectUri, String state) {
        return authorizeQuery + "&state=" + state + "&redirect_uri=" + encodedRedirectUri;
    }

    @Override
    public DingTalkPrincipal signIn(String code, Deadline deadline) throws DingTalkApiException, SignInRefused {
        try {
            return organization.admitByMembership(client.userInfo(code, deadline), deadline);
        } catch (DingTalkApiException e) {
            if (LegacyUserInfoClient.STEP.equals(e.step())
                    && LegacyUserInfoClient.CLOCK_SKEW.equals(e.providerCode())) {
                throw new SignInRefused(Reason.CLOCK_SKEW, e.getMessage() + " (this server's clock differs from"
                        + " DingTalk's by more than a minute: check NTP)");
            }
            throw e;
        }
    }
}
