package io.wssocket.webresources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Content types by extension, text ones in UTF-8, anything else opaque. */
class ContentTypesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "index.html|text/html; charset=utf-8",
        "site.CSS|text/css; charset=utf-8",
        "app.js|text/javascript; charset=utf-8",
        "module.mjs|text/javascript; charset=utf-8",
        "data.json|application/json",
        "app.js.map|application/json",
        "logo.svg|image/svg+xml",
        "logo.png|image/png",
        "photo.jpg|image/jpeg",
        "photo.jpeg|image/jpeg",
        "anim.gif|image/gif",
        "favicon.ico|image/vnd.microsoft.icon",
        "pic.webp|image/webp",
        "notes.txt|text/plain; charset=utf-8",
        "code.wasm|application/wasm",
        "font.woff2|font/woff2",
        "archive.tar.gz|application/octet-stream",
        "Makefile|application/octet-stream",
        "trailing.|application/octet-stream"})
    void byExtension(String name, String type) {
        assertThat(ContentTypes.of(name)).isEqualTo(type);
    }
}
