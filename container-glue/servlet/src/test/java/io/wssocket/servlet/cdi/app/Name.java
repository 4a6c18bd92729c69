package io.wssocket.servlet.cdi.app;

/** What {@link NameDecoder} makes of a text message. */
public record Name(String value) {
}
