package io.github.dingtalkauth.testing;

import io.github.dingtalkauth.emulator.DingTalkEmulatorBuilder;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.emulator.Membership;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulator's demo users plus the cases its defaults leave out, all in (or claiming) its home organization: an
 * account the directory does not know (60121), an external contact, a member who never activated DingTalk, and an
 * account for which DingTalk names no organization at all.
 */
public final class OrgUsers {
    public static final String HOME = DingTalkEmulatorBuilder.DEFAULT_CORP_ID;
    /** Picks the home organization, but getbyunionid does not find them. */
    public static final String OUTSIDER = "outsider";
    /** Picks the home organization, where getbyunionid says contact_type 1. */
    public static final String CONTACT = "contact";
    /** A member with {@code active: false}. */
    public static final String DORMANT = "dormant";
    /** No organization: the token answer carries no corpId. */
    public static final String NO_CORP = "nocorp";

    private OrgUsers() {
    }

    public static List<EmulatorUser> all() {
        List<EmulatorUser> users = new ArrayList<>(EmulatorUser.defaults());
        users.add(new EmulatorUser(OUTSIDER, "OutS1derUn10nId00000000iEiE", "OutS1der0pen1d0000000000iEiE",
                "王五（未加入）Wang Wu", null, null, null, "86", HOME, false));
        users.add(new EmulatorUser(CONTACT, "C0ntactUn10nId000000000iEiE", "C0ntact0pen1d00000000000iEiE",
                "赵六（外部联系人）Zhao Liu", null, null, null, "86", HOME, false,
                Membership.externalContact("ext_zhaoliu")));
        users.add(new EmulatorUser(DORMANT, "D0rmantUn10nId000000000iEiE", "D0rmant0pen1d00000000000iEiE",
                "钱九（未激活）Qian Jiu", null, null, null, "86", null, false, dormant()));
        users.add(new EmulatorUser(NO_CORP, "N0C0rpUn10nId0000000000iEiE", "N0C0rp0pen1d000000000000iEiE",
                "No Corp", null, null, null, "86", null, false));
        return List.copyOf(users);
    }

    private static Membership dormant() {
        return new Membership("qianjiu", Membership.MEMBER, "钱九", "实习生", "00099999", null, null, null,
                List.of(8187L), List.of(), List.of(), false, false, false, false, false, null, false);
    }

    public static EmulatorUser user(String key) {
        return all().stream().filter(u -> u.key().equals(key)).findFirst().orElseThrow();
    }
}
