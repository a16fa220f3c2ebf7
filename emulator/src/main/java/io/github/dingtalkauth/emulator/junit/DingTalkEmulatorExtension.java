package io.github.dingtalkauth.emulator.junit;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.DingTalkEmulatorBuilder;
import io.github.dingtalkauth.emulator.EmulatorUser;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link DingTalkEmulator} for JUnit 5 tests:
 * <pre>{@code
 * @RegisterExtension
 * static DingTalkEmulatorExtension dingtalk = DingTalkEmulatorExtension.builder()
 *         .redirectUri("http://localhost:8080/dingtalk/callback")
 *         .build();
 * }</pre>
 * In a static field, one emulator serves every test of the class and is stopped after the last one; in an instance
 * field, each test gets its own. Either way each test starts with the counters, the request log, the faults and the
 * string-typed switch reset, while users, registered redirect URIs and issued codes and tokens stay.
 */
public final class DingTalkEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final DingTalkEmulatorBuilder settings;
    private DingTalkEmulator emulator;
    private boolean perTest;
    /** How many classes (the declaring one, then its {@code @Nested} ones) are running: one emulator for all. */
    private int classes;

    private DingTalkEmulatorExtension(DingTalkEmulatorBuilder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Called for a static field only (and for each {@code @Nested} class, which shares the emulator). */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (classes++ == 0) {
            emulator = start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) {
            perTest = true;
            emulator = start();
        } else {
            emulator.reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classes == 0) {
            stop();
        }
    }

    /** The running emulator, for faults, statistics, the request log and everything else. */
    public DingTalkEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the DingTalk emulator is not running: register this extension with "
                    + "@RegisterExtension and use it from a test or a @BeforeAll/@BeforeEach method");
        }
        return emulator;
    }

    /** The filter's {@code authorizeUrl}. */
    public String authorizeUrl() {
        return emulator().authorizeUrl();
    }

    /** The filter's {@code apiBaseUrl}. */
    public String apiBaseUrl() {
        return emulator().apiBaseUrl();
    }

    /** The filter's {@code oapiBaseUrl}. */
    public String oapiBaseUrl() {
        return emulator().oapiBaseUrl();
    }

    /** The filter's {@code appId}. */
    public String clientId() {
        return emulator().clientId();
    }

    /** The filter's {@code appSecret}. */
    public String clientSecret() {
        return emulator().clientSecret();
    }

    /** The home organization, for the filter's {@code allowedCorpIds}. */
    public String corpId() {
        return emulator().corpId();
    }

    /** For an app whose callback URL is known only once it runs; stays registered for the emulator's lifetime. */
    public void registerRedirectUri(String uri) {
        emulator().registerRedirectUri(uri);
    }

    private DingTalkEmulator start() {
        try {
            return settings.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the DingTalk emulator", e);
        }
    }

    private void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    /** The emulator's settings; {@link #configure} reaches every one of {@link DingTalkEmulatorBuilder}. */
    public static final class Builder {

        private final DingTalkEmulatorBuilder settings = DingTalkEmulator.builder();

        private Builder() {
        }

        /** Registers a redirect URI (exact match); may be called several times. */
        public Builder redirectUri(String uri) {
            settings.redirectUri(uri);
            return this;
        }

        public Builder users(List<EmulatorUser> users) {
            settings.users(users);
            return this;
        }

        public Builder clientId(String clientId) {
            settings.clientId(clientId);
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            settings.clientSecret(clientSecret);
            return this;
        }

        /** The home organization's corpId. */
        public Builder corpId(String corpId) {
            settings.corpId(corpId);
            return this;
        }

        /** Any other setting, e.g. {@code configure(b -> b.appTokenTtl(Duration.ofSeconds(5)).latency(...))}. */
        public Builder configure(Consumer<DingTalkEmulatorBuilder> more) {
            Objects.requireNonNull(more, "more").accept(settings);
            return this;
        }

        public DingTalkEmulatorExtension build() {
            return new DingTalkEmulatorExtension(settings);
        }
    }
}
