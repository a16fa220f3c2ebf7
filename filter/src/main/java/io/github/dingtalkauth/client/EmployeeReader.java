package io.github.dingtalkauth.client;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code result} of {@code topapi/v2/user/get} into an {@link Employee}, bounding everything it keeps. */
final class EmployeeReader {
    private EmployeeReader() {
    }

    static Employee read(JsonObject result, String expectedUserId, String step) throws DingTalkApiException {
        String userId = OapiValues.string(result, "userid", 128, step);
        if (!expectedUserId.equals(userId)) {
            throw OapiValues.invalid(step, "userid missing or not the one asked for");
        }
        return new Employee(userId,
                OapiValues.id(result, "unionid", step),
                OapiValues.string(result, "name", 256, step),
                OapiValues.string(result, "title", 256, step),
                OapiValues.string(result, "job_number", 64, step),
                OapiValues.string(result, "org_email", 320, step),
                OapiValues.string(result, "email", 320, step),
                OapiValues.string(result, "mobile", 64, step),
                OapiValues.numbers(result, "dept_id_list", step),
                flag(result, "admin", step),
                flag(result, "boss", step),
                leaderInDepts(result, step),
                roleNames(result, step),
                flag(result, "active", step),
                OapiValues.id(result, "corp_id", step));
    }

    /** Absent counts as false, so a missing {@code active} never lets someone in under {@code requireActive}. */
    private static boolean flag(JsonObject object, String name, String step) throws DingTalkApiException {
        return Boolean.TRUE.equals(OapiValues.bool(object, name, step));
    }

    private static List<Long> leaderInDepts(JsonObject result, String step) throws DingTalkApiException {
        List<Long> depts = new ArrayList<>();
        for (JsonObject entry : OapiValues.objects(result, "leader_in_dept", step)) {
            Long dept = OapiValues.number(entry, "dept_id", step);
            if (dept == null) {
                throw OapiValues.invalid(step, "leader_in_dept has an entry without dept_id");
            }
            if (flag(entry, "leader", step)) {
                depts.add(dept);
            }
        }
        return depts;
    }

    private static List<String> roleNames(JsonObject result, String step) throws DingTalkApiException {
        List<String> names = new ArrayList<>();
        for (JsonObject role : OapiValues.objects(result, "role_list", step)) {
            String name = OapiValues.string(role, "name", 128, step);
            if (name == null) {
                throw OapiValues.invalid(step, "role_list has a role without a name");
            }
            names.add(name);
        }
        return names;
    }
}
