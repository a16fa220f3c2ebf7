package io.github.dingtalkauth.emulator;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.Optional;
import java.util.Set;

/**
 * The home organization's directory on oapi, both behind the app token:
 * {@code POST /topapi/user/getbyunionid} (is this account ours?) and {@code POST /topapi/v2/user/get} (the employee
 * profile), answering from the users' {@link Membership}s.
 */
final class OrganizationHandlers {

    /** 33012 "invalid userid", documented on topapi/v2/user/get. */
    static final int INVALID_USERID = 33012;
    private static final Set<String> LANGUAGES = Set.of("zh_CN", "en_US");

    private final Directory directory;
    private final Oapi oapi;

    OrganizationHandlers(Directory directory, Oapi oapi) {
        this.directory = directory;
        this.oapi = oapi;
    }

    Response userByUnionId(RecordedRequest request) {
        return oapi.topapi(request, body -> {
            Optional<String> unionId = JsonCodec.string(body, "unionid");
            if (unionId.isEmpty()) {
                // DingTalk does not document this case; the emulator answers like any malformed parameter.
                return oapi.error(Oapi.BAD_PARAMETER, "参数错误: unionid");
            }
            return directory.knownByUnionId(unionId.get())
                    .map(user -> oapi.result(JsonCodec.object()
                            .add("contact_type", user.membership().contactType())
                            .add("userid", user.membership().userId()).build()))
                    .orElseGet(() -> oapi.error(Oapi.NOT_FOUND, "找不到该用户"));
        });
    }

    Response employee(RecordedRequest request) {
        return oapi.topapi(request, body -> {
            Optional<String> userId = JsonCodec.string(body, "userid");
            if (userId.isEmpty()) {
                return oapi.error(INVALID_USERID, "无效的USERID");
            }
            Optional<String> language = JsonCodec.string(body, "language");
            if (language.isPresent() && !LANGUAGES.contains(language.get())) {
                // The emulator's choice: DingTalk documents only zh_CN and en_US, not its answer to anything else.
                return oapi.error(Oapi.BAD_PARAMETER, "参数错误: language");
            }
            // An external contact's userid is no employee's; the emulator answers "not found" (not documented).
            return directory.byUserId(userId.get()).filter(EmulatorUser::isMember)
                    .map(user -> oapi.result(profile(user, directory.corpId()).build()))
                    .orElseGet(() -> oapi.error(Oapi.NOT_FOUND, "找不到该用户"));
        });
    }

    /** The {@code result} of {@code topapi/v2/user/get}, in the order of DingTalk's example; absent fields left out. */
    static JsonObjectBuilder profile(EmulatorUser user, String corpId) {
        Membership m = user.membership();
        JsonObjectBuilder json = JsonCodec.object()
                .add("userid", m.userId())
                .add("unionid", user.unionId())
                .add("name", m.name() != null ? m.name() : user.nick())
                .add("avatar", user.avatarUrl() != null ? user.avatarUrl() : "");
        JsonCodec.addIfPresent(json, "title", m.title());
        JsonCodec.addIfPresent(json, "job_number", m.jobNumber());
        JsonCodec.addIfPresent(json, "org_email", m.orgEmail());
        JsonCodec.addIfPresent(json, "email", m.email());
        JsonCodec.addIfPresent(json, "mobile", m.mobile());
        JsonCodec.addIfPresent(json, "state_code", user.stateCode());
        JsonArrayBuilder departments = JsonCodec.array();
        JsonArrayBuilder leaders = JsonCodec.array();
        for (long dept : m.deptIds()) {
            departments.add(dept);
            leaders.add(JsonCodec.object().add("dept_id", dept).add("leader", m.leaderInDepts().contains(dept)));
        }
        JsonArrayBuilder roles = JsonCodec.array();
        m.roles().forEach(role -> roles.add(JsonCodec.object()
                .add("id", role.id()).add("name", role.name()).add("group_name", role.groupName())));
        json.add("dept_id_list", departments).add("leader_in_dept", leaders).add("role_list", roles)
                .add("admin", m.admin()).add("boss", m.boss()).add("senior", m.senior())
                .add("active", m.active()).add("real_authed", m.realAuthed());
        if (m.hiredDate() != null) {
            json.add("hired_date", m.hiredDate());
        }
        return json.add("exclusive_account", m.exclusiveAccount()).add("corp_id", corpId);
    }
}
