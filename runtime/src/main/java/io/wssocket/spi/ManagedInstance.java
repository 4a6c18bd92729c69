package io.wssocket.spi;

/**
 * An object an integration created, and what gives it back: run {@code release} exactly once when
 * the object is no longer used (its {@code @PreDestroy} runs, what was created with it is freed).
 */
public record ManagedInstance<T>(T instance, Runnable release) {
}
