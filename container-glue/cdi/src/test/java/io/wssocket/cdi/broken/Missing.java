package io.wssocket.cdi.broken;

/** Nothing implements it. */
public interface Missing {
}
