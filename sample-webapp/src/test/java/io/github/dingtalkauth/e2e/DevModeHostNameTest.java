package io.github.dingtalkauth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Query;
import io.github.dingtalkauth.testing.SignIn;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Dev mode signs in whatever host name the browser used (issue 7, point 7): the session cookie is set on that host,
 * so DingTalk must send the browser back to that host, not to a pinned {@code localhost}.
 */
class DevModeHostNameTest {

    @Test
    void devModeSignsInThroughTheLoopbackAddress() throws Exception {
        try (SampleServer server = SampleServer.builder().port(0).start()) {
            URI base = URI.create("http://127.0.0.1:" + server.baseUri().getPort());

            assertSignsIn(server, base);
        }
    }

    @Test
    void devModeSignsInThroughALanAddressOfThisMachine() throws Exception {
        Optional<InetAddress> lan = lanAddress();
        assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address");
        try (SampleServer server = SampleServer.builder().host(lan.get().getHostAddress()).port(0).start()) {
            URI base = URI.create("http://" + lan.get().getHostAddress() + ":" + server.baseUri().getPort());

            assertSignsIn(server, base);
        }
    }

    private static void assertSignsIn(SampleServer server, URI base) {
        Browser browser = new Browser(base);
        SignIn.Started started = SignIn.start(browser, "/me");
        assertEquals(base + "/dingtalk/callback", Query.parameter(URI.create(started.authorizeUrl()).getRawQuery(), "redirect_uri"));

        Browser.Response done = SignIn.callback(browser, SignIn.approve(browser, started, "zhangsan"));

        assertEquals(303, done.status(), done.body());
        Browser.Response me = browser.navigate("/me");
        assertEquals(200, me.status());
        DingTalkEmulator emulator = server.emulator().orElseThrow();
        assertTrue(me.body().contains(emulator.users().get(0).unionId()), me.body());
    }

    private static Optional<InetAddress> lanAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }
}
