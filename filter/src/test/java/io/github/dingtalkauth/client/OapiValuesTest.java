package io.github.dingtalkauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OapiValuesTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** A protocol violation that names the field but never echoes the value. */
    static void violation(String secretValue, Executable read) {
        DingTalkApiException e = assertThrows(DingTalkApiException.class, read);
        assertEquals(Kind.INVALID_RESPONSE, e.kind());
        assertEquals("step", e.step());
        if (secretValue != null) {
            assertFalse(e.getMessage().contains(secretValue), e.getMessage());
        }
    }

    @Test
    void errcodeIsReadAsANumber() throws Exception {
        assertEquals(60121, OapiValues.errcode(json("{\"errcode\":60121}"), "step"));
    }

    @Test
    void errcodeIsReadAsAString() throws Exception {
        assertEquals(0, OapiValues.errcode(json("{\"errcode\":\"0\"}"), "step"));
    }

    @Test
    void negativeErrcodeIsRead() throws Exception {
        assertEquals(-1, OapiValues.errcode(json("{\"errcode\":\"-1\"}"), "step"));
    }

    @Test
    void missingErrcodeIsAViolation() {
        violation(null, () -> OapiValues.errcode(json("{\"errmsg\":\"ok\"}"), "step"));
    }

    @Test
    void nullErrcodeIsAViolation() {
        violation(null, () -> OapiValues.errcode(json("{\"errcode\":null}"), "step"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\" 0\"", "\"0x1\"", "\"+1\"", "\"1e3\"", "\"zero\"", "1.5", "true", "[0]", "{}",
        "\"12345678901234567890\"", "123456789012345678901234567890"})
    void errcodeOfAnyOtherShapeIsAViolation(String value) {
        violation(null, () -> OapiValues.errcode(json("{\"errcode\":" + value + "}"), "step"));
    }

    @Test
    void numberAbsentIsNull() throws Exception {
        assertNull(OapiValues.number(json("{}"), "contact_type", "step"));
    }

    @Test
    void contactTypeAsStringIsRead() throws Exception {
        assertEquals(1L, OapiValues.number(json("{\"contact_type\":\"1\"}"), "contact_type", "step"));
    }

    @Test
    void booleansAreReadAsJsonBooleans() throws Exception {
        JsonObject o = json("{\"admin\":true,\"boss\":false}");
        assertEquals(Boolean.TRUE, OapiValues.bool(o, "admin", "step"));
        assertEquals(Boolean.FALSE, OapiValues.bool(o, "boss", "step"));
    }

    @Test
    void booleansAreReadAsStrings() throws Exception {
        JsonObject o = json("{\"admin\":\"true\",\"boss\":\"false\"}");
        assertEquals(Boolean.TRUE, OapiValues.bool(o, "admin", "step"));
        assertEquals(Boolean.FALSE, OapiValues.bool(o, "boss", "step"));
    }

    @Test
    void booleanAbsentOrNullIsNull() throws Exception {
        assertNull(OapiValues.bool(json("{}"), "admin", "step"));
        assertNull(OapiValues.bool(json("{\"admin\":null}"), "admin", "step"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "\"TRUE\"", "\"yes\"", "\"\"", "[]", "{}"})
    void booleanOfAnyOtherShapeIsAViolation(String value) {
        violation(null, () -> OapiValues.bool(json("{\"admin\":" + value + "}"), "admin", "step"));
    }

    @Test
    void subCodeIsReadAsAString() throws Exception {
        assertEquals("40014", OapiValues.subCode(json("{\"sub_code\":\"40014\"}"), "step"));
    }

    @Test
    void subCodeIsReadAsANumber() throws Exception {
        assertEquals("40014", OapiValues.subCode(json("{\"sub_code\":40014}"), "step"));
    }

    @Test
    void subCodeAbsentIsNull() throws Exception {
        assertNull(OapiValues.subCode(json("{\"errcode\":88}"), "step"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"has space\"", "\"\"", "\"<script>\"", "true", "[1]", "1.5"})
    void subCodeOfAnyOtherShapeIsAViolation(String value) {
        violation(null, () -> OapiValues.subCode(json("{\"sub_code\":" + value + "}"), "step"));
    }

    @Test
    void deptIdsMayMixNumbersAndStrings() throws Exception {
        assertEquals(List.of(8187L, 1L), OapiValues.numbers(json("{\"d\":[8187,\"1\"]}"), "d", "step"));
    }

    @Test
    void absentListIsEmpty() throws Exception {
        assertTrue(OapiValues.numbers(json("{}"), "d", "step").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8187", "\"8187\"", "[null]", "[\"x\"]", "[1.5]", "[[1]]", "{}"})
    void listOfAnyOtherShapeIsAViolation(String value) {
        violation(null, () -> OapiValues.numbers(json("{\"d\":" + value + "}"), "d", "step"));
    }

    @Test
    void overlongListIsAViolation() {
        String many = "[" + "1,".repeat(OapiValues.MAX_ITEMS) + "1]";
        violation(null, () -> OapiValues.numbers(json("{\"d\":" + many + "}"), "d", "step"));
    }

    @Test
    void stringWithinItsBoundIsKept() throws Exception {
        assertEquals("架构师", OapiValues.string(json("{\"title\":\"架构师\"}"), "title", 3, "step"));
    }

    @Test
    void emptyStringIsNull() throws Exception {
        assertNull(OapiValues.string(json("{\"title\":\"\"}"), "title", 10, "step"));
    }

    @Test
    void overlongStringIsAViolationWithoutEchoingIt() {
        violation("SECRET-ISH-VALUE", () -> OapiValues.string(json("{\"t\":\"SECRET-ISH-VALUE\"}"), "t", 5, "step"));
    }

    @Test
    void stringGivenAsNumberIsAViolation() {
        violation(null, () -> OapiValues.string(json("{\"userid\":123}"), "userid", 64, "step"));
    }

    @Test
    void missingObjectIsAViolation() {
        violation(null, () -> OapiValues.object(json("{\"result\":\"x\"}"), "result", "step"));
    }

    @Test
    void listOfNonObjectsIsAViolation() {
        violation(null, () -> OapiValues.objects(json("{\"role_list\":[1]}"), "role_list", "step"));
    }

    @Test
    void requestIdIsKeptOnlyWhenItIsAPlainToken() {
        assertEquals("req-1", OapiValues.requestId(json("{\"request_id\":\"req-1\"}")));
        assertNull(OapiValues.requestId(json("{\"request_id\":\"a b\\n\"}")));
        assertNull(OapiValues.requestId(json("{\"request_id\":5}")));
    }
}
