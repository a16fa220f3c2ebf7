package io.github.dingtalkauth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecodingTest {

    @Test
    void percentDecodesUtf8Escapes() {
        assertEquals("/张三 x", Decoding.percent("/%E5%BC%A0%E4%B8%89+x", true));
        assertEquals("/a+b", Decoding.percent("/a+b", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%4", "%ZZ", "%C0%AF", "%E2%80", "张"})
    void percentRefusesBrokenInput(String input) {
        assertNull(Decoding.percent(input, false));
    }

    @Test
    void percentEscapeDigitsMustBeAsciiHex() {
        // Character.digit would read full-width '０' and 'Ａ' as hex digits and turn this into a newline.
        assertNull(Decoding.percent("%\uFF10\uFF21", false));
    }
}
