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
 * A DingTalk account the emulator can sign in as, with the fields {@code /v1.0/contact/users/me} returns and, when the
 * account belongs to the emulator's home organization, its {@link Membership} there.
 *
 * <p>Only {@code key}, {@code unionId} and {@code nick} are required; any other field may be null and is then left out
 * of the profile, as DingTalk leaves out what the user or the app's permissions do not provide. A null
 * {@code avatarUrl} is replaced by the emulator's own {@code /avatar/<key>.svg}, so no page loads anything external,
 * and a member's null {@code corpId} by the home organization's.
 *
 * @param key        a short name for the consent page button and the avatar path ({@code [A-Za-z0-9_-]{1,64}})
 * @param corpId     the organization the user picks when the scope includes {@code corpid}
 * @param visitor    DingTalk's undocumented {@code visitor} flag
 * @param membership the account's record in the home organization; null when it is not in it
 * @param legacyOpenId the {@code openid} of the legacy flow ({@code sns/getuserinfo_bycode}, GitLab's {@code uid});
 *                   null when it is the same as {@code openId} (DingTalk does not document whether they differ)
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
        boolean visitor,
        Membership membership,
        String legacyOpenId) {

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

    /** An account whose legacy openid is its {@code openId}. */
    public EmulatorUser(String key, String unionId, String openId, String nick, String avatarUrl, String email,
            String mobile, String stateCode, String corpId, boolean visitor, Membership membership) {
        this(key, unionId, openId, nick, avatarUrl, email, mobile, stateCode, corpId, visitor, membership, null);
    }

    /** An account outside the home organization. */
    public EmulatorUser(String key, String unionId, String openId, String nick, String avatarUrl, String email,
            String mobile, String stateCode, String corpId, boolean visitor) {
        this(key, unionId, openId, nick, avatarUrl, email, mobile, stateCode, corpId, visitor, null);
    }

    /**
     * The built-in accounts: four members of the home organization (an admin, the boss, a department leader, each
     * with a profile, departments and roles; Chinese and Latin names; one without an e-mail), a DingTalk user of
     * another company and an external contact.
     */
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

    /**
     * Reads a JSON array of users whose field names are this record's component names; {@code membership} is an
     * object with DingTalk's field names (see {@link Membership}).
     */
    public static List<EmulatorUser> parse(String json) {
        return UserListJson.parse(json, "users JSON");
    }

    /** {@link #parse} on a file's content. */
    public static List<EmulatorUser> load(Path jsonFile) {
        try {
            return UserListJson.parse(Files.readString(jsonFile, StandardCharsets.UTF_8), jsonFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read users from " + jsonFile, e);
        }
    }

    /** Whether the home organization counts this account as a member ({@code contact_type} 0). */
    public boolean isMember() {
        return membership != null && membership.isMember();
    }

    /** Fills in what only the running emulator knows: its avatar URL and, for a member, the home corpId. */
    EmulatorUser resolved(String avatarUrl, String homeCorpId) {
        return new EmulatorUser(key, unionId, openId, nick, this.avatarUrl != null ? this.avatarUrl : avatarUrl,
                email, mobile, stateCode, corpId == null && isMember() ? homeCorpId : corpId, visitor, membership,
                legacyOpenId);
    }

    /** The {@code openid} the legacy flow answers: {@link #legacyOpenId()}, else {@link #openId()}. */
    public String legacyOpenIdOrOpenId() {
        return legacyOpenId != null ? legacyOpenId : openId;
    }
}
