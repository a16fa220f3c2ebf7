package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.client.BackChannel;
import io.github.dingtalkauth.client.Deadline;
import io.github.dingtalkauth.client.DingTalkApiException;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.config.SignInFlow;

/**
 * What differs between DingTalk's two login generations (setting {@code flow}, chosen once at start-up): where the
 * browser is sent, and how the callback's code becomes a {@link io.github.dingtalkauth.client.DingTalkProfile}. All
 * else (state, session, return target, the {@link OrganizationStep}) is the same for both.
 */
public interface SignInMode {

    /** The authorize URL for one login; both arguments are already URL-encoded. */
    String authorizeUrl(String encodedRedirectUri, String state);

    /** Redeems the code once, reads who it stands for, and admits them through the organization step. */
    DingTalkPrincipal signIn(String code, Deadline deadline) throws DingTalkApiException, SignInRefused;

    /** The mode the settings name, sharing the filter's back channel and organization step. */
    static SignInMode of(DingTalkConfig config, BackChannel channel, OrganizationStep organization) {
        return config.get(Settings.FLOW) == SignInFlow.LEGACY
                ? LegacyMode.create(config, channel, organization)
                : OAuth2Mode.create(config, channel, organization);
    }
}
