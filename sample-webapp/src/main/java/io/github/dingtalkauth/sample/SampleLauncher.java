package io.github.dingtalkauth.sample;

/**
 * {@code mvn exec:java} starts this: the sample on {@code http://localhost:8080}. Environment: {@code PORT} (default
 * 8080), {@code HOST} (default {@code localhost}, i.e. not reachable from other machines) and
 * {@code DINGTALK_CONFIG_FILE} (default {@code conf/dingtalk.properties}). Behind a TLS proxy that sets
 * {@code X-Forwarded-Proto}, {@code SAMPLE_FORWARDED=true} or {@code -Dsample.forwarded=true} makes the sample honour
 * forwarded headers (off by default; see the README, "Behind nginx").
 */
public final class SampleLauncher {

    private SampleLauncher() {
    }

    public static void main(String[] args) throws Exception {
        String host = System.getenv().getOrDefault("HOST", "localhost");
        SampleServer server = SampleServer.builder()
                .host(host)
                .port(port(System.getenv().getOrDefault("PORT", "8080")))
                .forwardedHeaders(forwarded())
                .start();
        // Ctrl+C: stop Jetty and the emulator.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sample-shutdown"));
        System.out.println(banner(server, host));
        server.join();
    }

    /** -Dsample.forwarded, else SAMPLE_FORWARDED; anything but "true" leaves forwarded headers ignored. */
    static boolean forwarded() {
        String value = System.getProperty("sample.forwarded", System.getenv().getOrDefault("SAMPLE_FORWARDED", ""));
        return "true".equalsIgnoreCase(value.trim());
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a port number, not '" + text + "'");
        }
    }

    private static String banner(SampleServer server, String host) {
        String line = "=".repeat(78);
        StringBuilder b = new StringBuilder("\n").append(line).append('\n')
                .append("  钉钉登录示例 · DingTalk sign-in sample\n\n")
                .append("  打开 Open:     ").append(server.baseUri()).append("/\n")
                .append("  监听 Listen:   ").append(host).append(':').append(server.baseUri().getPort())
                .append("localhost".equals(host) ? "  (仅本机 this machine only; HOST=0.0.0.0 to share)" : "")
                .append('\n')
                .append("  配置 Config:   ").append(server.configFile()).append('\n');
        server.emulator().ifPresentOrElse(emulator -> b.append('\n')
                .append("  *** 开发模式：登录是模拟的 · DEV MODE: SIGN-IN IS EMULATED ***\n")
                .append("  配置中没有 appId，因此登录由本机的钉钉模拟器完成，不连接真实钉钉，无需钉钉账号。\n")
                .append("  No appId is configured, so a local DingTalk emulator signs you in:\n")
                .append("  no real DingTalk, no account needed.  Emulator: ").append(emulator.authorizeUrl())
                .append('\n')
                .append("  真实登录 Real DingTalk: set appId in the config file and export DINGTALK_APP_SECRET.\n"),
                () -> b.append("  钉钉 DingTalk:  真实钉钉 the real DingTalk (appId from the config file)\n"));
        return b.append("\n  停止 Stop:     Ctrl+C\n").append(line).append('\n').toString();
    }
}
