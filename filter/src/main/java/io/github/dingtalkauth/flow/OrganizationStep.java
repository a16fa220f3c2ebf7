package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.DingTalkPrincipal.NameSource;
import io.github.dingtalkauth.DingTalkPrincipalBuilder;
import io.github.dingtalkauth.client.AppTokenCache;
import io.github.dingtalkauth.client.AppTokenFetcher;
import io.github.dingtalkauth.client.Deadline;
import io.github.dingtalkauth.client.DingTalkApiException;
import io.github.dingtalkauth.client.DingTalkProfile;
import io.github.dingtalkauth.client.Employee;
import io.github.dingtalkauth.client.Membership;
import io.github.dingtalkauth.client.OapiTransport;
import io.github.dingtalkauth.client.OrgDirectory;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.RoleRules;
import io.github.dingtalkauth.config.RoleSubject;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.flow.MembershipCheck.Verdict;
import java.util.Locale;
import java.util.Set;

/**
 * The part of a sign-in that follows the token and profile calls: with {@code allowedCorpIds}, whether this account
 * is one of the organization's people (the token's corpId, {@code getbyunionid}, the employee profile and
 * {@code requireActive}); with the employee profile, who they are there; and, always, the roles the rules give
 * them. The result is the principal, made once here and never changed.
 *
 * <p>The directory calls use the filter's one {@link AppTokenCache} and the callback's own deadline. A refusal is a
 * {@link SignInRefused}; DingTalk failing to answer is a {@link DingTalkApiException}.
 */
public final class OrganizationStep {
    /** The language of the employee profile's texts. */
    static final String LANGUAGE = "zh_CN";

    private final MembershipCheck check;  // null without allowedCorpIds
    private final OrgDirectory directory; // null without the employee profile
    private final NameSource nameSource;
    private final RoleRules roleRules;

    OrganizationStep(MembershipCheck check, OrgDirectory directory, NameSource nameSource, RoleRules roleRules) {
        this.check = check;
        this.directory = directory;
        this.nameSource = nameSource;
        this.roleRules = roleRules;
    }

    /** The step as the settings describe it, with a new app token cache: call once per filter. */
    public static OrganizationStep create(DingTalkConfig config, OapiTransport transport) {
        Set<String> allowed = config.get(Settings.ALLOWED_CORP_IDS);
        MembershipCheck check = allowed == null ? null
                : new MembershipCheck(allowed, config.get(Settings.REQUIRE_ACTIVE));
        OrgDirectory directory = null;
        if (config.employeeProfile()) {
            AppTokenCache tokens = new AppTokenCache(new AppTokenFetcher(config.get(Settings.API_BASE_URL),
                    config.appId(), config.appSecret(), transport));
            directory = new OrgDirectory(config.get(Settings.OAPI_BASE_URL), tokens, transport);
        }
        return new OrganizationStep(check, directory, config.get(Settings.PRINCIPAL_NAME), config.roleRules());
    }

    /** The directory, with the filter's one app token cache; null without the employee profile. */
    public OrgDirectory directory() {
        return directory;
    }

    /** How a session's membership is re-checked (memberRecheck); null when there is no directory to ask. */
    public MembershipProbe membershipProbe() {
        return directory == null ? null : directory::membership;
    }

    /**
     * The principal for the account DingTalk just described, or a refusal.
     *
     * @param tokenCorpId the organization the token answer named; null when it named none
     */
    public DingTalkPrincipal admit(DingTalkProfile profile, String tokenCorpId, Deadline deadline)
            throws DingTalkApiException, SignInRefused {
        return admit(profile, tokenCorpId, true, deadline);
    }

    /**
     * The principal for an account whose sign-in named no organization (the legacy flow). With
     * {@code allowedCorpIds}, membership is proven by {@code getbyunionid} with the app's own token, which knows only
     * the app's organization; the employee profile's {@code corp_id}, when present, must be allowed, and becomes the
     * principal's corpId.
     */
    public DingTalkPrincipal admitByMembership(DingTalkProfile profile, Deadline deadline)
            throws DingTalkApiException, SignInRefused {
        return admit(profile, null, false, deadline);
    }

    private DingTalkPrincipal admit(DingTalkProfile profile, String tokenCorpId, boolean corpInToken,
                                    Deadline deadline) throws DingTalkApiException, SignInRefused {
        if (check != null && corpInToken) {
            // Before any directory call: a user who edited the scope, or picked another organization, costs nothing.
            require(check.corp(tokenCorpId));
        }
        Membership membership = directory == null ? null : directory.membership(profile.unionId(), deadline);
        if (check != null) {
            require(check.membership(membership));
        }
        Employee employee = membership != null && membership.isMember()
                ? employee(membership.userId(), profile.unionId(), deadline) : null;
        String corpId = corpInToken ? tokenCorpId : employee == null ? null : employee.corpId();
        if (check != null) {
            require(check.employee(corpId, employee));
        }
        requireName(profile, membership);
        return principal(profile, corpId, membership, employee);
    }

    /** Everything the checks passed on, and the roles computed from it: once, here. */
    private DingTalkPrincipal principal(DingTalkProfile profile, String corpId, Membership membership,
                                        Employee employee) {
        boolean member = check != null; // every check passed
        DingTalkPrincipalBuilder builder = DingTalkPrincipal.builder(profile.unionId()).openId(profile.openId())
                .nick(profile.nick()).avatarUrl(profile.avatarUrl()).email(profile.email())
                .mobile(profile.mobile()).stateCode(profile.stateCode()).corpId(corpId)
                .userId(membership != null ? membership.userId() : null)
                .member(member)
                .nameSource(nameSource);
        if (employee != null) {
            builder.employeeName(employee.name()).title(employee.title()).jobNumber(employee.jobNumber())
                    .orgEmail(employee.orgEmail()).deptIds(employee.deptIds())
                    .leaderInDepts(employee.leaderInDepts()).dingTalkRoleNames(employee.roleNames())
                    .admin(employee.admin()).boss(employee.boss()).active(employee.active());
        }
        return builder.roles(roleRules.rolesFor(subject(profile.unionId(), membership, corpId, employee, member)))
                .build();
    }

    /** The profile, or null when the person turned out not to be there (only without allowedCorpIds). */
    private Employee employee(String userId, String unionId, Deadline deadline)
            throws DingTalkApiException, SignInRefused {
        Employee employee;
        try {
            employee = directory.employee(userId, LANGUAGE, deadline);
        } catch (DingTalkApiException e) {
            Membership.Status gone = OrgDirectory.absence(e).orElseThrow(() -> e);
            if (check != null) {
                require(check.membership(Membership.of(gone)));
            }
            return null;
        }
        if (employee.unionId() != null && !employee.unionId().equals(unionId)) {
            throw new SignInRefused(Reason.INVALID_RESPONSE, "step=user_get (unionid is not the signed-in one)");
        }
        return employee;
    }

    private static RoleSubject subject(String unionId, Membership membership, String corpId, Employee e,
                                       boolean member) {
        if (e == null) {
            return new RoleSubject(unionId, membership == null ? null : membership.userId(), corpId, member, false,
                    false, false, Set.of(), Set.of());
        }
        return new RoleSubject(unionId, e.userId(), corpId, member, e.admin(), e.boss(), !e.leaderInDepts().isEmpty(),
                Set.copyOf(e.deptIds()), Set.copyOf(e.roleNames()));
    }

    /** The identifier {@code principalName} asks for must be there. */
    private void requireName(DingTalkProfile profile, Membership membership) throws SignInRefused {
        if (nameSource == NameSource.USER_ID && (membership == null || !membership.isMember())) {
            throw new SignInRefused(Reason.NOT_A_MEMBER, "verdict=" + Verdict.NOT_A_MEMBER.code() + " membership="
                    + (membership == null ? "none" : membership.status().name().toLowerCase(Locale.ROOT))
                    + " (principalName=userId)");
        }
        if (nameSource == NameSource.OPEN_ID && profile.openId() == null) {
            throw new SignInRefused(Reason.INVALID_RESPONSE, "step=profile (openId missing; principalName=openId)");
        }
    }

    private static void require(Verdict verdict) throws SignInRefused {
        if (!verdict.allowed()) {
            throw new SignInRefused(Reason.NOT_A_MEMBER, "verdict=" + verdict.code());
        }
    }
}
