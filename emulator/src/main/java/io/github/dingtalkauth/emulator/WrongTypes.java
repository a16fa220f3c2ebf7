package io.github.dingtalkauth.emulator;

/** Bodies for {@link Fault#wrongTypes()}: each endpoint's field names with values of the wrong JSON type. */
final class WrongTypes {

    private WrongTypes() {
    }

    static String bodyFor(Endpoint endpoint) {
        return switch (endpoint) {
            case TOKEN -> "{\"accessToken\":12345,\"refreshToken\":true,\"expireIn\":\"7200\"}";
            case PROFILE -> "{\"nick\":[\"张三\"],\"unionId\":12345,\"openId\":{\"id\":1},\"avatarUrl\":false,"
                    + "\"stateCode\":86,\"visitor\":\"false\"}";
            case APP_TOKEN -> "{\"accessToken\":12345,\"expireIn\":\"soon\"}";
            case CORP_APP_TOKEN -> "{\"access_token\":12345,\"expires_in\":\"soon\"}";
            case LEGACY_APP_TOKEN -> "{\"errcode\":\"zero\",\"access_token\":12345,\"expires_in\":true}";
            case USER_BY_UNIONID -> "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"contact_type\":\"member\","
                    + "\"userid\":12345}}";
            case EMPLOYEE -> "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"userid\":12345,\"unionid\":false,"
                    + "\"name\":[\"张三\"],\"dept_id_list\":\"8187\",\"admin\":\"yes\",\"active\":1,\"role_list\":{}}}";
            case LEGACY_USER_INFO -> "{\"errcode\":0,\"errmsg\":\"ok\",\"user_info\":{\"nick\":[\"张三\"],"
                    + "\"unionid\":12345,\"openid\":false,\"main_org_auth_high_level\":\"yes\"}}";
            case IN_APP_USER_INFO -> "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"userid\":12345,"
                    + "\"unionid\":false,\"name\":[\"张三\"],\"sys\":\"yes\"}}";
            case AUTHORIZE, LEGACY_QR_AUTHORIZE, LEGACY_ACCOUNT_AUTHORIZE -> throw new IllegalArgumentException("the authorize page has no JSON");
            case JSAPI -> throw new IllegalArgumentException("the JS SDK is a script, not JSON");
        };
    }
}
