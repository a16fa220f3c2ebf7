package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A user's {@code "membership"} in a users file, with DingTalk's field names, read into a {@link Membership}. */
final class MembershipJson {

    private static final Set<String> FIELDS = Set.of("userid", "contact_type", "name", "title", "job_number",
            "org_email", "email", "mobile", "dept_id_list", "leader_in_dept", "role_list", "admin", "boss", "senior",
            "active", "real_authed", "hired_date", "exclusive_account");
    private static final Set<String> LEADER_FIELDS = Set.of("dept_id", "leader");
    private static final Set<String> ROLE_FIELDS = Set.of("id", "name", "group_name");

    private MembershipJson() {
    }

    static Membership read(JsonObject json, StrictJson strict) {
        strict.onlyKnownFields(json, FIELDS, "membership");
        Long contactType = strict.integer(json, "contact_type");
        if (contactType != null && contactType != Membership.MEMBER && contactType != Membership.EXTERNAL_CONTACT) {
            throw strict.error("\"contact_type\" must be 0 (member) or 1 (external contact)");
        }
        try {
            return new Membership(
                    strict.required(json, "userid", "membership"),
                    contactType == null ? Membership.MEMBER : contactType.intValue(),
                    strict.text(json, "name"),
                    strict.text(json, "title"),
                    strict.text(json, "job_number"),
                    strict.text(json, "org_email"),
                    strict.text(json, "email"),
                    strict.text(json, "mobile"),
                    strict.list(json, "dept_id_list", id -> strict.integer(id, "dept_id_list")),
                    leaderDepartments(json, strict),
                    strict.list(json, "role_list", role -> role(role, strict)),
                    strict.flag(json, "admin", false),
                    strict.flag(json, "boss", false),
                    strict.flag(json, "senior", false),
                    strict.flag(json, "active", true),
                    strict.flag(json, "real_authed", true),
                    strict.integer(json, "hired_date"),
                    strict.flag(json, "exclusive_account", false));
        } catch (StrictJson.Invalid e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw strict.error(e.getMessage()); // from Membership's own checks: say which file
        }
    }

    /** {@code leader_in_dept} as DingTalk writes it, {@code [{"dept_id":8187,"leader":true}]}: the led ones. */
    private static List<Long> leaderDepartments(JsonObject json, StrictJson strict) {
        return strict.list(json, "leader_in_dept", entry -> {
            JsonObject leader = strict.object(entry, "every leader_in_dept entry");
            strict.onlyKnownFields(leader, LEADER_FIELDS, "leader_in_dept");
            Long dept = strict.integer(leader, "dept_id");
            if (dept == null) {
                throw strict.error("every leader_in_dept entry needs \"dept_id\"");
            }
            return strict.flag(leader, "leader", false) ? dept : null;
        }).stream().filter(Objects::nonNull).toList();
    }

    private static Membership.Role role(JsonValue value, StrictJson strict) {
        JsonObject role = strict.object(value, "every role_list entry");
        strict.onlyKnownFields(role, ROLE_FIELDS, "role_list");
        Long id = strict.integer(role, "id");
        if (id == null) {
            throw strict.error("every role_list entry needs \"id\"");
        }
        return new Membership.Role(id, strict.required(role, "name", "role_list entry"),
                strict.required(role, "group_name", "role_list entry"));
    }
}
