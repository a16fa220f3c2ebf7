package io.github.dingtalkauth.testing;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import java.net.URI;

/**
 * The sample as deployed behind something (a load balancer, a TLS proxy): not in dev mode but configured as production
 * is, with the emulator as DingTalk and {@code redirectUri} on the public origin rather than the sample's own port.
 */
public final class PublicSample {
    public static final String CALLBACK_PATH = "/dingtalk/callback";

    private PublicSample() {
    }

    /** A builder for a sample users reach at {@code publicBase}; the emulator learns that callback URL. */
    public static SampleServer.Builder at(URI publicBase, DingTalkEmulator emulator) {
        String callback = publicBase + CALLBACK_PATH;
        emulator.registerRedirectUri(callback);
        return SampleServer.builder()
                .setting("appId", emulator.clientId())
                .setting("appSecret", emulator.clientSecret())
                .setting("authorizeUrl", emulator.authorizeUrl())
                .setting("apiBaseUrl", emulator.apiBaseUrl())
                .setting("oapiBaseUrl", emulator.oapiBaseUrl())
                .setting("redirectUri", callback);
    }
}
