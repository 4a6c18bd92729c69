package io.wssocket.cdi.broken;

/** Two beans implement it. */
public interface Shape {
}
