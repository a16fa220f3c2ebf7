package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmployeeEndpointTest extends AbstractEmulatorTest {

    private static final String PATH = "/topapi/v2/user/get";

    private JsonObject profileOf(String userId) throws Exception {
        JsonObject body = oapiAnswer(employee(appToken(), userId));
        assertEquals(0, body.getInt("errcode"), body.toString());
        return body.getJsonObject("result");
    }

    @Test
    void memberProfileHasDingTalksFieldsInDingTalksOrder() throws Exception {
        JsonObject zhangsan = profileOf("zhangsan");

        assertEquals(List.of("userid", "unionid", "name", "avatar", "title", "job_number", "org_email", "email",
                "mobile", "state_code", "dept_id_list", "leader_in_dept", "role_list", "admin", "boss", "senior",
                "active", "real_authed", "hired_date", "exclusive_account", "corp_id"),
                List.copyOf(zhangsan.keySet()));
    }

    @Test
    void profileCarriesTheUsersFileValues() throws Exception {
        JsonObject zhangsan = profileOf("zhangsan");

        assertEquals(user("zhangsan").unionId(), zhangsan.getString("unionid"));
        assertEquals("架构师", zhangsan.getString("title"));
        assertEquals("00021116", zhangsan.getString("job_number"));
        assertTrue(zhangsan.getBoolean("admin"));
        assertFalse(zhangsan.getBoolean("boss"));
        assertEquals(1506880000000L, zhangsan.getJsonNumber("hired_date").longValueExact());
    }

    @Test
    void nameFallsBackToTheNick() throws Exception {
        assertEquals("张三", profileOf("zhangsan").getString("name"));
    }

    @Test
    void avatarIsTheEmulatorsOwn() throws Exception {
        assertEquals(emulator.baseUrl() + "/avatar/zhangsan.svg", profileOf("zhangsan").getString("avatar"));
    }

    @Test
    void corpIdIsTheHomeOrganization() throws Exception {
        assertEquals(emulator.corpId(), profileOf("alicechen").getString("corp_id"));
    }

    @Test
    void leaderInDeptNamesEveryDepartment() throws Exception {
        JsonObject lisi = profileOf("lisi");

        assertEquals("[1,8187]", lisi.getJsonArray("dept_id_list").toString());
        assertEquals("[{\"dept_id\":1,\"leader\":true},{\"dept_id\":8187,\"leader\":true}]",
                lisi.getJsonArray("leader_in_dept").toString());
        assertTrue(lisi.getBoolean("boss"));
    }

    @Test
    void rolesCarryIdNameAndGroupName() throws Exception {
        assertEquals("[{\"id\":57220,\"name\":\"子管理员\",\"group_name\":\"默认\"}]",
                profileOf("zhangsan").getJsonArray("role_list").toString());
    }

    @Test
    void fieldsWithoutPermissionAreLeftOut() throws Exception {
        JsonObject lisi = profileOf("lisi");

        assertFalse(lisi.containsKey("email"));
        assertFalse(lisi.containsKey("mobile"));
    }

    @Test
    void missingUseridIsErrcode33012() throws Exception {
        oapiError(postOapi(PATH, appToken(), "{\"language\":\"zh_CN\"}"), 33012);
    }

    @Test
    void unknownUseridIsErrcode60121() throws Exception {
        oapiError(employee(appToken(), "nobody"), 60121);
    }

    @Test
    void externalContactsUseridIsErrcode60121() throws Exception {
        oapiError(employee(appToken(), "ext_sunba_7c2e41"), 60121);
    }

    @Test
    void unsupportedLanguageIsErrcode400002() throws Exception {
        oapiError(postOapi(PATH, appToken(), "{\"userid\":\"zhangsan\",\"language\":\"fr_FR\"}"), 400002);
    }

    @Test
    void languageMayBeLeftOut() throws Exception {
        assertEquals(0, oapiAnswer(postOapi(PATH, appToken(), "{\"userid\":\"zhangsan\"}")).getInt("errcode"));
    }

    @Test
    void badTokenIsErrcode88WithStringSubCode() throws Exception {
        assertEquals("40014", oapiError(employee("bad-token", "zhangsan"), 88).getString("sub_code"));
    }

    @Test
    void stringTypedAnswersWriteNumbersAndBooleansAsStrings() throws Exception {
        emulator.setStringTypedAnswers(true);

        JsonObject body = oapiAnswer(employee(appToken(), "zhangsan"));

        JsonObject result = body.getJsonObject("result");
        assertEquals("0", body.getString("errcode"));
        assertEquals("true", result.getString("admin"));
        assertEquals("false", result.getString("boss"));
        assertEquals("[\"8187\"]", result.getJsonArray("dept_id_list").toString());
    }

    @Test
    void lookupsAreCounted() throws Exception {
        employee(appToken(), "zhangsan");

        assertEquals(1, emulator.stats().employeeLookups());
    }
}
