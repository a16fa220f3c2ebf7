package io.github.dingtalkauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternsTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "/,          /,               true",
        "/,          /index.html,     false",
        "/,          /x,              false",
        "/x,         /x,              true",
        "/x,         /x/,             false",
        "/x,         /x/y,            false",
        "/x,         /xy,             false",
        "/p/*,       /p,              true",
        "/p/*,       /p/,             true",
        "/p/*,       /p/a/b,          true",
        "/p/*,       /pa,             false",
        "/p/*,       /q/p/a,          false",
        "/*,         /anything/at/all, true",
        "*.css,      /site.css,       true",
        "*.css,      /a/b/site.css,   true",
        "*.css,      /a.css/b,        false",
        "*.css,      /site.cssx,      false",
        "*.css,      /css,            false",
    })
    void matches(String pattern, String path, boolean expected) {
        assertEquals(expected, PathPatterns.parse(pattern).matches(path));
    }

    @Test
    void aListMatchesWhenAnyPatternMatches() {
        PathPatterns patterns = PathPatterns.parse(" /, /health ,/static/*, *.ico,, ");
        assertTrue(patterns.matches("/"));
        assertTrue(patterns.matches("/health"));
        assertTrue(patterns.matches("/static/app.js"));
        assertTrue(patterns.matches("/favicon.ico"));
        assertFalse(patterns.matches("/reports"));
    }

    @Test
    void emptyTextMatchesNothing() {
        assertFalse(PathPatterns.parse("").matches("/"));
    }

    @Test
    void plusExactAddsOnePathAndKeepsTheRest() {
        PathPatterns base = PathPatterns.parse("/static/*");
        PathPatterns more = base.plusExact("/error");
        assertTrue(more.matches("/error"));
        assertTrue(more.matches("/static/x"));
        assertFalse(base.matches("/error"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"static/*", "/a*b", "/p/**", "*.", "*.a/b", "**.css", "/p*"})
    void malformedPatternIsRejectedNamingIt(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathPatterns.parse(pattern));
        assertTrue(e.getMessage().contains(pattern), e.getMessage());
    }
}
