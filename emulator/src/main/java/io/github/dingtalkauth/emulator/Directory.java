package io.github.dingtalkauth.emulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The emulator's users and its home organization: who signs in, and whom the organization knows by which id. */
final class Directory {

    private final String corpId;
    private final List<EmulatorUser> users;
    private final Map<String, EmulatorUser> byKey = new HashMap<>();
    private final Map<String, EmulatorUser> byUnionId = new HashMap<>();
    private final Map<String, EmulatorUser> byUserId = new HashMap<>();

    /** @throws IllegalArgumentException when two users share a unionId, or two memberships a userid */
    Directory(String corpId, List<EmulatorUser> users) {
        this.corpId = corpId;
        this.users = List.copyOf(users);
        for (EmulatorUser user : this.users) {
            byKey.put(user.key(), user);
            if (byUnionId.put(user.unionId(), user) != null) {
                throw new IllegalArgumentException("two users have the unionId " + user.unionId());
            }
            if (user.membership() != null && byUserId.put(user.membership().userId(), user) != null) {
                throw new IllegalArgumentException("two users have the userid " + user.membership().userId());
            }
        }
    }

    /** @throws IllegalArgumentException when two users share a unionId, or two memberships a userid */
    static void check(List<EmulatorUser> users) {
        new Directory("", users);
    }

    String corpId() {
        return corpId;
    }

    List<EmulatorUser> users() {
        return users;
    }

    /** Any user may be the subject of a fault's made-up answer; the first one is the default. */
    EmulatorUser first() {
        return users.get(0);
    }

    Optional<EmulatorUser> byKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The home organization's record of the account with this unionId, member or external contact. */
    Optional<EmulatorUser> knownByUnionId(String unionId) {
        return Optional.ofNullable(byUnionId.get(unionId)).filter(user -> user.membership() != null);
    }

    Optional<EmulatorUser> byUserId(String userId) {
        return Optional.ofNullable(byUserId.get(userId));
    }

    /** The first member, for answers made up by faults. */
    Optional<EmulatorUser> firstMember() {
        return users.stream().filter(EmulatorUser::isMember).findFirst();
    }
}
