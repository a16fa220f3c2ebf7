package io.github.dingtalkauth.config;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One source of a {@code role.} rule, such as {@code dingtalkAdmin} or {@code dept:8187}. */
record RoleSource(Kind kind, String value) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_=+.@\\-]{1,128}");
    private static final Pattern DEPT_ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern ROLE_NAME = Pattern.compile("[^,\\p{Cntrl}]{1,128}");

    RoleSource {
        Objects.requireNonNull(kind, "kind");
    }

    enum Kind {
        MEMBER("member", null, (s, v) -> s.member()),
        DINGTALK_ADMIN("dingtalkAdmin", null, (s, v) -> s.admin()),
        BOSS("boss", null, (s, v) -> s.boss()),
        LEADER("leader", null, (s, v) -> s.leader()),
        USER_ID("userId", ID, (s, v) -> v.equals(s.userId())),
        UNION_ID("unionId", ID, (s, v) -> v.equals(s.unionId())),
        DEPT("dept", DEPT_ID, (s, v) -> s.deptIds().contains(Long.valueOf(v))),
        DINGTALK_ROLE("dingtalkRole", ROLE_NAME, (s, v) -> s.dingtalkRoleNames().contains(v)),
        CORP_ID("corpId", ID, (s, v) -> v.equals(s.corpId()));

        final String keyword;
        final Pattern value; // null: the source takes no value
        final BiPredicate<RoleSubject, String> test;

        Kind(String keyword, Pattern value, BiPredicate<RoleSubject, String> test) {
            this.keyword = keyword;
            this.value = value;
            this.test = test;
        }

        String usage() {
            return value == null ? keyword : keyword + ":…";
        }
    }

    static String known() {
        return Arrays.stream(Kind.values()).map(Kind::usage).collect(Collectors.joining(", "));
    }

    /** Reads one comma-separated item; a failure quotes it, as nothing in a role rule is secret. */
    static RoleSource parse(String text) {
        int colon = text.indexOf(':');
        String keyword = (colon < 0 ? text : text.substring(0, colon)).trim();
        String value = colon < 0 ? null : text.substring(colon + 1).trim();
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.keyword.equals(keyword)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown source '" + text + "' (known: " + known() + ")"));
        if (kind.value == null && value != null) {
            throw new IllegalArgumentException("source '" + keyword + "' takes no value, but got '" + text + "'");
        }
        if (kind.value != null && (value == null || !kind.value.matcher(value).matches())) {
            throw new IllegalArgumentException("source '" + text + "' needs a valid value, e.g. " + example(kind));
        }
        return new RoleSource(kind, value);
    }

    private static String example(Kind kind) {
        return switch (kind) {
            case DEPT -> "dept:8187 (a department id)";
            case DINGTALK_ROLE -> "dingtalkRole:子管理员";
            case CORP_ID -> "corpId:ding1234567890abcdef";
            default -> kind.keyword + ":zhangsan";
        };
    }

    boolean matches(RoleSubject subject) {
        return kind.test.test(subject, value);
    }

    @Override
    public String toString() {
        return value == null ? kind.keyword : kind.keyword + ":" + value;
    }
}
