package io.wssocket.cdi.app;

public record Shout(String text) {
}
