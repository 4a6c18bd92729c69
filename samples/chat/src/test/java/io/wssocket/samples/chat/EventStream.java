package io.wssocket.samples.chat;

import io.wssocket.test.JdkClient;

/** Reading a member's chat events as they come, passing over the ones a test does not look for. */
final class EventStream {
    private EventStream() {
    }

    /** The next event holding every one of {@code parts}; the ones before it are passed over. */
    static String skipUntil(JdkClient client, String... parts) throws InterruptedException {
        return client.nextHolding(10, parts);
    }
}
