package io.github.dingtalkauth.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A DingTalk account the emulator can sign in as, with the fields {@code /v1.0/contact/users/me} returns.
 *
 * <p>Only {@code key}, {@code unionId} and {@code nick} are required; any other field may be null and is then left out
 * of the profile, as DingTalk leaves out what the user or the app's permissions do not provide. A null
 * {@code avatarUrl} is replaced by the emulator's own {@code /avatar/<key>.svg}, so no page loads anything external.
 *
 * @param key       a short name for the consent page button and the avatar path ({@code [A-Za-z0-9_-]{1,64}})
 * @param corpId    the organization the user picks when the scope includes {@code corpid}
 * @param visitor   DingTalk's undocumented {@code visitor} flag
 */
public record EmulatorUser(
        String key,
        String unionId,
        String openId,
        String nick,
        String avatarUrl,
        String email,
        String mobile,
        String stateCode,
        String corpId,
        boolean visitor) {

    // The key lands in a URL path and an HTML attribute; keeping it plain makes both safe without escaping rules.
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String DEFAULTS_RESOURCE = "default-users.json";

    public EmulatorUser {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("user key must match " + KEY + ": " + key);
        }
        Objects.requireNonNull(unionId, "unionId of user " + key);
        Objects.requireNonNull(nick, "nick of user " + key);
    }

    /** The built-in accounts: Chinese and Latin names, two organizations, one user without an e-mail. */
    public static List<EmulatorUser> defaults() {
        try (InputStream in = EmulatorUser.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
            }
            return UserListJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULTS_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a JSON array of users whose field names are this record's component names. */
    public static List<EmulatorUser> load(Path jsonFile) {
        try {
            return UserListJson.parse(Files.readString(jsonFile, StandardCharsets.UTF_8), jsonFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read users from " + jsonFile, e);
        }
    }

    EmulatorUser withAvatarUrl(String url) {
        return new EmulatorUser(key, unionId, openId, nick, url, email, mobile, stateCode, corpId, visitor);
    }
}
