package io.github.dingtalkauth;

/**
 * A setting is missing, unknown or malformed. The message lists every problem at once, each naming the key and where
 * it came from, never a value. {@link DingTalkSettings.Builder#build()} throws it; {@link DingTalkAuthFilter#init}
 * throws it wrapped in a {@code ServletException}, so the container refuses to start the application.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
