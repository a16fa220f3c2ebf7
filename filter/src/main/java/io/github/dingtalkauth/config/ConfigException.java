package io.github.dingtalkauth.config;

/** A setting is missing, unknown or malformed. The message names the key and where it came from, never a value. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
