package io.wssocket.transport;

/** Told when a connection's outbound queue crosses its high or low water mark. */
@FunctionalInterface
public interface WritabilityListener {
    WritabilityListener NONE = writable -> { };

    void onWritabilityChanged(boolean writable);
}
