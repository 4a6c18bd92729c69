package io.wssocket.cdi.app;

public record Name(String value) {
}
