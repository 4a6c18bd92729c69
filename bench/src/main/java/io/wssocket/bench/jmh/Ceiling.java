package io.wssocket.bench.jmh;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the {@link CopyBaseline} a benchmark method is read against: a plain copy of as many
 * bytes between buffers of this kind, measured in the same run. On a {@link CopyBaseline} method,
 * it says which ceiling that method is.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Ceiling {
    BufferKind value();
}
