package io.wssocket.samples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import java.util.ArrayList;
import java.util.List;

/** Reading a member's chat events as they come, passing over the ones a test does not look for. */
final class EventStream {
    private EventStream() {
    }

    /** The next event holding every one of {@code parts}; the ones before it are passed over. */
    static String skipUntil(JdkClient client, String... parts) throws InterruptedException {
        List<String> passed = new ArrayList<>();
        while (true) {
            Object next = client.next(10);
            assertThat(next).as("an event with %s; passed over %s", List.of(parts), passed).isInstanceOf(String.class);
            String event = (String) next;
            if (List.of(parts).stream().allMatch(event::contains)) {
                return event;
            }
            passed.add(event);
        }
    }
}
