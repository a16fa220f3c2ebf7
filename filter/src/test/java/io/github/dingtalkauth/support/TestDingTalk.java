package io.github.dingtalkauth.support;

import io.github.dingtalkauth.emulator.DingTalkEmulatorBuilder;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.emulator.junit.DingTalkEmulatorExtension;
import java.util.List;
import java.util.stream.Stream;

/**
 * The DingTalk emulator as the filter's tests use it: the app of {@link Filters}, canary-prefixed codes and tokens (so
 * that a leak is greppable), and accounts outside any organization whose key is also their unionId.
 */
public final class TestDingTalk {
    /** Every code, user token and app token the emulator hands out starts with this. */
    public static final String CANARY = "CANARY-";

    private TestDingTalk() {
    }

    /** For a test that needs the emulator itself: {@code @RegisterExtension final DingTalkEmulatorExtension ...}. */
    public static DingTalkEmulatorExtension extension(List<EmulatorUser> users) {
        return DingTalkEmulatorExtension.builder()
                .clientId(Filters.APP_ID)
                .clientSecret(Filters.SECRET)
                .users(users)
                .configure(TestDingTalk::canaries)
                .build();
    }

    /** The accounts the filter's sign-in tests use: nick 张三, openId {@code open-<unionId>}, nothing else. */
    public static List<EmulatorUser> accounts() {
        return Stream.of("union-1", "union-alice", "union-victim", "alice", "bob", "attacker")
                .map(unionId -> new EmulatorUser(unionId, unionId, "open-" + unionId, "张三", null, null, null, "86",
                        null, false))
                .toList();
    }

    static void canaries(DingTalkEmulatorBuilder builder) {
        builder.codePrefix(CANARY + "CODE-").tokenPrefix(CANARY + "AT-").appTokenPrefix(CANARY + "APP-");
    }
}
