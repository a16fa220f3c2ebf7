package io.github.dingtalkauth.emulator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The standalone emulator's options ({@code --name value} or {@code --name=value}) and its start-up banner. */
final class CommandLine {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    /** Options that take no value. */
    private static final Set<String> FLAGS = Set.of("--lenient-redirect-uris", "--string-typed");

    private CommandLine() {
    }

    /** {@link DingTalkEmulator#main}: starts, prints the banner, and serves until the process is stopped. */
    static void run(String[] args) {
        if (wantsHelp(args)) {
            System.out.println(usage());
            return;
        }
        DingTalkEmulator emulator;
        try {
            emulator = parse(args).start();
        } catch (IllegalArgumentException e) {
            System.err.println("dingtalk-emulator: " + e.getMessage() + "\n\n" + usage());
            System.exit(2);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("dingtalk-emulator: cannot start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "dingtalk-emulator-shutdown"));
        System.out.println(banner(emulator));
        System.out.flush();
        try {
            // The server's threads are daemons, so it is this wait that keeps the process alive until it is killed.
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean wantsHelp(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"));
    }

    static String usage() {
        return """
                Usage: DingTalkEmulator [options]
                  from the repository: mvn -q -pl emulator compile exec:java -Dexec.args="[options]"
                  --port N               port to listen on (default: a free port)
                  --host H               loopback host to bind (default 127.0.0.1)
                  --client-id X          the app's Client ID / AppKey (default dingemulatorclient)
                  --client-secret Y      the app's Client Secret (default emulator-secret)
                  --redirect-uri U       a registered redirect URI, exact match; repeatable
                  --lenient-redirect-uris  also accept a registered path on any port of this machine's names
                  --redirect-host H      with lenient matching, also accept this host; repeatable
                  --users FILE.json      users to offer (a JSON array; fields as in EmulatorUser)
                  --corp-id C            the home organization's corpId (default {corp})
                  --latency D            wait before answering any request, e.g. 500ms, 2s
                  --code-prefix P        numbered codes P1, P2, ... instead of random ones
                  --token-prefix P       numbered access tokens P1, P2, ... instead of random ones
                  --code-ttl D           code lifetime (default 5m)
                  --token-ttl D          access token lifetime (default 7200s)
                  --app-token-prefix P   numbered app access tokens P1, P2, ... instead of random ones
                  --app-token-ttl D      app access token lifetime (default 7200s)
                  --string-typed         oapi answers write numbers and booleans as strings
                Durations: 250ms, 2s, 5m, 1h, or ISO-8601 such as PT2S.""".replace("{corp}",
                DingTalkEmulatorBuilder.DEFAULT_CORP_ID);
    }

    /** @throws IllegalArgumentException for an unknown option, a missing value or a value that does not parse */
    static DingTalkEmulatorBuilder parse(String... args) {
        DingTalkEmulatorBuilder builder = DingTalkEmulator.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value;
            if (FLAGS.contains(name)) {
                value = eq < 0 ? "true" : arg.substring(eq + 1);
            } else if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            apply(builder, name, value);
        }
        return builder;
    }

    private static void apply(DingTalkEmulatorBuilder builder, String name, String value) {
        switch (name) {
            case "--lenient-redirect-uris" -> {
                if (flag(name, value)) {
                    builder.lenientRedirectUris();
                }
            }
            case "--redirect-host" -> builder.lenientRedirectUris(value);
            case "--corp-id" -> builder.corpId(value);
            case "--app-token-prefix" -> builder.appTokenPrefix(value);
            case "--app-token-ttl" -> builder.appTokenTtl(duration(name, value));
            case "--string-typed" -> builder.stringTypedAnswers(flag(name, value));
            case "--port" -> builder.port(integer(name, value));
            case "--host" -> builder.host(value);
            case "--client-id" -> builder.clientId(value);
            case "--client-secret" -> builder.clientSecret(value);
            case "--redirect-uri" -> builder.redirectUri(value);
            case "--users" -> builder.users(EmulatorUser.load(Path.of(value)));
            case "--latency" -> builder.latency(duration(name, value));
            case "--code-prefix" -> builder.codePrefix(value);
            case "--token-prefix" -> builder.tokenPrefix(value);
            case "--code-ttl" -> builder.codeTtl(duration(name, value));
            case "--token-ttl" -> builder.tokenTtl(duration(name, value));
            default -> throw new IllegalArgumentException("unknown option " + name);
        }
    }

    static Duration duration(String name, String value) {
        Matcher simple = SIMPLE_DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is not a duration (e.g. 2s, 500ms, PT2S): " + value);
        }
    }

    private static boolean flag(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(name + " takes no value, or =true or =false: " + value);
        }
        return Boolean.parseBoolean(value);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + value);
        }
    }

    static String banner(DingTalkEmulator emulator) {
        List<String> redirects = emulator.redirectUris();
        StringBuilder users = new StringBuilder();
        for (EmulatorUser user : emulator.users()) {
            users.append(users.length() == 0 ? "" : ", ").append(user.key()).append(" (").append(user.nick())
                    .append(')');
        }
        return """
                DingTalk emulator (钉钉登录模拟器) listening on %s
                  Not the real DingTalk: anyone can sign in as anyone. For development and tests only.
                  authorizeUrl   %s
                  apiBaseUrl     %s
                  oapiBaseUrl    %s
                  qrLoginScriptUrl %s
                  appId          %s
                  appSecret      %s
                  corpId         %s
                  redirect URIs  %s
                  users          %s
                Stop with Ctrl+C.""".formatted(emulator.baseUrl(), emulator.authorizeUrl(), emulator.apiBaseUrl(),
                emulator.oapiBaseUrl(), emulator.qrLoginScriptUrl(), emulator.clientId(), emulator.clientSecret(), emulator.corpId(),
                redirects.isEmpty() ? "(none: every authorize request will be refused)" : String.join(" ", redirects),
                users);
    }
}
