package io.wssocket.webresources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.handshake.HttpStatusException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Request paths become plain names, decoded once; anything that could climb out of the root is a 400. */
class ResourcePathTest {

    @Test
    void plainSegmentsAreKeptInOrder() throws Exception {
        assertThat(ResourcePath.parse("/css/site.css")).isEqualTo(new ResourcePath(List.of("css", "site.css"), false));
    }

    @Test
    void aTrailingSlashOrNothingNamesADirectory() throws Exception {
        assertThat(ResourcePath.parse("/")).isEqualTo(new ResourcePath(List.of(), true));
        assertThat(ResourcePath.parse("/docs/")).isEqualTo(new ResourcePath(List.of("docs"), true));
        assertThat(ResourcePath.parse("")).isEqualTo(new ResourcePath(List.of(), false));
    }

    @Test
    void percentEncodingIsDecodedOnceAsUtf8() throws Exception {
        assertThat(ResourcePath.parse("/gr%C3%BC%C3%9Fe%20dich.txt").segments()).containsExactly("grüße dich.txt");
        // RFC 3986 §2.4: decoded once only, so %252e%252e is the literal name "%2e%2e".
        assertThat(ResourcePath.parse("/%252e%252e/x").segments()).containsExactly("%2e%2e", "x");
    }

    @Test
    void theChildOfADirectoryIsAFile() throws Exception {
        assertThat(ResourcePath.parse("/docs/").child("index.html"))
                .isEqualTo(new ResourcePath(List.of("docs", "index.html"), false));
        assertThat(ResourcePath.parse("/docs/index.html").relativeName()).isEqualTo("docs/index.html");
        assertThat(ResourcePath.parse("/docs/index.html").fileName()).isEqualTo("index.html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/../etc/passwd", "/a/../../b", "/./a", "/a/.", "/%2e%2e/x", "/%2E%2e/x", "/.%2e/x",
        "/%2e/x", "/a%2f..%2f..%2fb", "/a%2Fb", "/..%5c..%5cwin.ini", "/a\\b", "/a%00.html", "/a%0d%0aX:1", "/a//b",
        "//etc/passwd", "/a%7f"})
    void traversalAndSeparatorTricksAreBadRequests(String path) {
        assertThatThrownBy(() -> ResourcePath.parse(path)).isInstanceOf(HttpStatusException.class)
                .satisfies(e -> assertThat(((HttpStatusException) e).status()).isEqualTo(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%", "/%2", "/%zz", "/a%2", "/%C3", "/%C3%28", "/%ED%A0%80", "/%FF", "relative"})
    void badPercentEncodingIsABadRequest(String path) {
        assertThatThrownBy(() -> ResourcePath.parse(path)).isInstanceOf(HttpStatusException.class)
                .satisfies(e -> assertThat(((HttpStatusException) e).status()).isEqualTo(400));
    }
}
