package io.github.dingtalkauth.sample;

import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code /api/me}: the signed-in user as JSON, for scripts and single-page apps. A caller who is not signed in never
 * gets here: for a non-navigation request the filter answers 401 with {@code {"error":"unauthenticated",...}}.
 */
public final class ApiMeServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<DingTalkPrincipal> user = DingTalkPrincipal.current(req);
        JsonObject body;
        if (user.isPresent()) {
            DingTalkPrincipal p = user.get();
            JsonObjectBuilder json = Json.createObjectBuilder();
            put(json, "name", p.getName());
            put(json, "unionId", p.getUnionId());
            put(json, "openId", p.getOpenId());
            put(json, "nick", p.getNick());
            put(json, "avatarUrl", p.getAvatarUrl());
            put(json, "email", p.getEmail());
            put(json, "mobile", p.getMobile());
            put(json, "stateCode", p.getStateCode());
            put(json, "corpId", p.getCorpId());
            employee(json, p);
            body = json.build();
        } else {
            // Unreachable while the filter guards this path; answer the way the filter would.
            resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            body = Json.createObjectBuilder().add("error", "unauthenticated").build();
        }
        resp.setContentType("application/json;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        try (JsonWriter writer = Json.createWriter(resp.getWriter())) {
            writer.writeObject(body);
        }
    }

    /** The employee profile and roles (empty without employeeProfile or allowedCorpIds). */
    private static void employee(JsonObjectBuilder json, DingTalkPrincipal p) {
        put(json, "userId", p.getUserId());
        put(json, "employeeName", p.getEmployeeName());
        put(json, "title", p.getTitle());
        put(json, "jobNumber", p.getJobNumber());
        put(json, "orgEmail", p.getOrgEmail());
        json.add("deptIds", Json.createArrayBuilder(p.getDeptIds()));
        json.add("leaderInDepts", Json.createArrayBuilder(p.getLeaderInDepts()));
        json.add("dingTalkRoleNames", Json.createArrayBuilder(p.getDingTalkRoleNames()));
        json.add("admin", p.isAdmin()).add("boss", p.isBoss()).add("active", p.isActive()).add("member", p.isMember());
        json.add("roles", Json.createArrayBuilder(new TreeSet<>(p.getRoles())));
    }

    /** Absent fields are written as null, so a client sees every key every time. */
    private static void put(JsonObjectBuilder json, String key, String value) {
        if (value == null) {
            json.addNull(key);
        } else {
            json.add(key, value);
        }
    }
}
