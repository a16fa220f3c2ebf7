package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.client.AccessGrant;
import io.github.dingtalkauth.client.BackChannel;
import io.github.dingtalkauth.client.Deadline;
import io.github.dingtalkauth.client.DingTalkApiException;
import io.github.dingtalkauth.client.DingTalkClient;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;

/**
 * DingTalk's OAuth 2.0 flow (protocol §1): {@code login.dingtalk.com/oauth2/auth}, then the user's access token and
 * {@code /v1.0/contact/users/me}. The token answer names the organization the person picked, which the organization
 * step checks against {@code allowedCorpIds} before any directory call.
 */
final class OAuth2Mode implements SignInMode {
    private final String authorizeBase;
    private final String fixedQuery;
    private final DingTalkClient client;
    private final OrganizationStep organization;

    private OAuth2Mode(String authorizeBase, String fixedQuery, DingTalkClient client, OrganizationStep organization) {
        this.authorizeBase = authorizeBase;
        this.fixedQuery = fixedQuery;
        this.client = client;
        this.organization = organization;
    }

    static OAuth2Mode create(DingTalkConfig config, BackChannel channel, OrganizationStep organization) {
        return new OAuth2Mode(AuthorizeQuery.base(config.get(Settings.AUTHORIZE_URL)),
                AuthorizeQuery.fixed(config), // with the organization's parameters, when configured
                new DingTalkClient(config.get(Settings.API_BASE_URL), config.appId(), config.appSecret(), channel),
                organization);
    }

    @Override
    public String authorizeUrl(String encodedRedirectUri, String state) {
        return authorizeBase + "redirect_uri=" + encodedRedirectUri + fixedQuery + "&state=" + state;
    }

    @Override
    public DingTalkPrincipal signIn(String code, Deadline deadline) throws DingTalkApiException, SignInRefused {
        AccessGrant grant = client.exchangeCode(code, deadline);
        return organization.admit(client.fetchProfile(grant, deadline), grant.corpId(), deadline);
    }
}
