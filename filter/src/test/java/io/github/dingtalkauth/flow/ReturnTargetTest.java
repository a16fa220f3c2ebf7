package io.github.dingtalkauth.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/**
 * The post-login target: only a plain path inside the application survives. Every payload below is a known way to
 * make a browser, a proxy or a second decoding step leave the origin, or to smuggle something into a Location.
 */
class ReturnTargetTest {

    static Stream<String> openRedirectPayloads() {
        return Stream.of(
                // absolute and scheme-relative
                "https://evil.test/",
                "http://evil.test",
                "HTTPS://evil.test",
                "evil.test",
                "//evil.test",
                "//evil.test/reports",
                "///evil.test",
                "////evil.test",
                // backslashes, which browsers read as slashes
                "/\\evil.test",
                "\\/evil.test",
                "\\\\evil.test",
                "/\\/evil.test",
                "/%5Cevil.test",
                "/%5cevil.test",
                "/%5C%5Cevil.test",
                // encoded slashes
                "%2F%2Fevil.test",
                "/%2F%2Fevil.test",
                "/%2F/evil.test",
                "/%2f%2fevil.test",
                // double encoding
                "/%252F%252Fevil.test",
                "/%252f/evil.test",
                "/%255Cevil.test",
                "/%25252F%25252Fevil.test",
                // control characters, which WHATWG URL parsing strips
                "/\t/evil.test",
                "/\r\n/evil.test",
                "/\n/evil.test",
                "/\u0000/evil.test",
                "/%09/evil.test",
                "/%0d%0a/evil.test",
                "/%0D%0ASet-Cookie:%20a=b",
                "/%00",
                "/%7F",
                // userinfo
                "//app.example.com@evil.test",
                "https://app.example.com@evil.test/",
                "/\\app.example.com@evil.test",
                "/%2F%2Fapp.example.com%40evil.test",
                "@evil.test",
                "/@evil.test",
                "/%40evil.test",
                // scripts and schemes
                "javascript:alert(1)",
                "JaVaScRiPt:alert(1)",
                "/javascript:alert(1)//",
                "data:text/html,<script>alert(1)</script>",
                "http:evil.test",
                "http:/evil.test",
                "https:\\\\evil.test",
                // unicode look-alikes of / and \
                "/%EF%BC%8F%EF%BC%8Fevil.test",
                "/%ef%bc%bcevil.test",
                "/／／evil.test",
                "／／evil.test",
                "/\u2215\u2215evil.test",
                // dot segments
                "/..//evil.test",
                "/%2e%2e//evil.test",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/..",
                "/a/../b",
                "/a/./b",
                "/a/%2E/b",
                "/..;/..;/x",
                "/.;/evil.test",
                "/;/evil.test",
                "/;jsessionid=x//evil.test",
                // length, fragments, broken encodings, other junk
                "/" + "a".repeat(10 * 1024),
                "/page#fragment",
                "/#//evil.test",
                " /reports",
                "/a b",
                "/%",
                "/%zz",
                "/%C0%AF",
                "/%E6%8A",
                // an encoded '?' does not open a query in which dot segments would be ignored
                "/%3F%2F..%2F..%2Fevil.test",
                // the query may be anything visible, but nothing that breaks or splits the Location header
                "/report?x=\r\nSet-Cookie:a=b",
                "/report?x=\n",
                "/report?x=a b",
                "/report?x=\u00e9",
                "/report?x=\u0000",
                "/report?x=#frag");
    }

    @ParameterizedTest
    @MethodSource("openRedirectPayloads")
    void openRedirectPayloadIsRejected(String payload) {
        assertEquals(Optional.empty(), ReturnTarget.of(payload), () -> "accepted: " + payload);
    }

    @Test
    void theCorpusIsLargeEnoughToMeanSomething() {
        assertTrue(openRedirectPayloads().count() >= 40);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsNoTarget(String raw) {
        assertEquals(Optional.empty(), ReturnTarget.of(raw));
    }

    static Stream<Arguments> acceptedTargets() {
        return Stream.of(
                Arguments.of("/", "/"),
                Arguments.of("/reports?id=1", "/reports?id=1"),
                Arguments.of("/a/b", "/a/b"),
                Arguments.of("/a/b/?x=1&y=2", "/a/b/?x=1&y=2"),
                Arguments.of("/~user/files/a.b.c", "/~user/files/a.b.c"),
                Arguments.of("/items:search", "/items:search"),
                Arguments.of("/search?q=100%25", "/search?q=100%25"),
                Arguments.of("/%E6%8A%A5%E8%A1%A8", "/%E6%8A%A5%E8%A1%A8"),
                Arguments.of("/a/...", "/a/..."),
                // queries that are ordinary, not attacks: only the path decides where the browser goes
                Arguments.of("/report?next=https://example.com/x", "/report?next=https://example.com/x"),
                Arguments.of("/report?q=100%", "/report?q=100%"),
                Arguments.of("/report?q=[1]", "/report?q=[1]"),
                Arguments.of("/report?q=a|b", "/report?q=a|b"),
                Arguments.of("/report?q=%2F%2F", "/report?q=%2F%2F"),
                Arguments.of("/report?q=..//x&r=\\evil", "/report?q=..//x&r=\\evil"),
                Arguments.of("/?//evil.test", "/?//evil.test"),
                Arguments.of("/" + "a".repeat(2047), "/" + "a".repeat(2047)));
    }

    @ParameterizedTest
    @MethodSource("acceptedTargets")
    void safeLocalPathIsKept(String raw, String expected) {
        assertEquals(Optional.of(expected), ReturnTarget.of(raw));
    }

    static Stream<Arguments> pathParameters() {
        return Stream.of(
                // The rule: every ";…" up to the next "/" in the path is dropped; the query is left alone.
                Arguments.of("/a;b", "/a"),
                Arguments.of("/a;jsessionid=0123456789ABCDEF", "/a"),
                Arguments.of("/a;jsessionid=X/b?x=1", "/a/b?x=1"),
                Arguments.of("/a;v=1/b;v=2", "/a/b"),
                Arguments.of("/a?x=1;y=2", "/a?x=1;y=2"));
    }

    @ParameterizedTest
    @MethodSource("pathParameters")
    void pathParametersAreStripped(String raw, String expected) {
        assertEquals(Optional.of(expected), ReturnTarget.of(raw));
    }
}
