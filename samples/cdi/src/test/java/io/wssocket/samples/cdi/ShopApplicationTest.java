package io.wssocket.samples.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.deploy.Application;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.JdkClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled sample deployed as the bootstrap main deploys a jar, with CDI booted over it by
 * container-glue/cdi: each scope, the interceptor, @PreDestroy and the session events, seen from
 * the wire.
 */
class ShopApplicationTest {
    private static final Pattern REQUEST = Pattern.compile("\\[request (\\d+)]$");

    private static WebSocketServer server;
    private static Application application;

    @BeforeAll
    static void deploy() throws Exception {
        server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).build());
        application = Application.deploy(Path.of("target/classes"), server.container(), ShopApplicationTest.class.getClassLoader());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        application.close();
    }

    private static URI shop() {
        return URI.create("ws://127.0.0.1:" + server.port() + ShopEndpoint.PATH);
    }

    @Test
    void eachConnectionHasItsOwnBasket() throws Exception {
        try (JdkClient ann = JdkClient.connect(shop()); JdkClient bob = JdkClient.connect(shop())) {
            assertThat(answer(ann, "add tea")).startsWith("added tea (1 in basket");
            assertThat(answer(bob, "add milk")).startsWith("added milk (1 in basket");
            assertThat(answer(ann, "add jam")).startsWith("added jam (2 in basket");
            assertThat(answer(ann, "list")).startsWith("basket: [tea, jam]");
            assertThat(answer(bob, "list")).startsWith("basket: [milk]");
            assertThat(answer(bob, "checkout")).matches("order \\d+: \\[milk] .*");
            assertThat(answer(bob, "list")).startsWith("basket: []");
        }
    }

    @Test
    void everyMessageHasItsOwnRequestScopedStampSharedByTheBeansItCalls() throws Exception {
        try (JdkClient client = JdkClient.connect(shop())) {
            String first = answer(client, "add bread");
            String second = answer(client, "add butter");
            long firstStamp = stamp(first);
            long secondStamp = stamp(second);
            assertThat(secondStamp).isNotEqualTo(firstStamp);
            assertThat(first).contains("seen by the shop in request " + firstStamp + ")");
            assertThat(second).contains("seen by the shop in request " + secondStamp + ")");
        }
    }

    @Test
    void theInterceptorCountsEveryMessageAndBasketsAreDiscardedWithTheirConnection() throws Exception {
        long handledBefore;
        long discardedBefore;
        try (JdkClient watcher = JdkClient.connect(shop())) {
            String before = answer(watcher, "stats");
            handledBefore = figure(before, "messages handled");
            discardedBefore = figure(before, "baskets discarded");
            try (JdkClient shopper = JdkClient.connect(shop())) {
                answer(shopper, "add apples");
                answer(shopper, "nonsense");
                shopper.ws.sendClose(1000, "done").get();
                shopper.closed.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                String after = answer(watcher, "stats");
                // the first stats, the shopper's two, and this one are all counted by the interceptor
                assertThat(figure(after, "messages handled")).isGreaterThanOrEqualTo(handledBefore + 3);
                assertThat(figure(after, "baskets discarded")).isGreaterThanOrEqualTo(discardedBefore + 1);
            });
        }
    }

    @Test
    void shoppersHearWhoIsInTheShopFromTheSessionEvents() throws Exception {
        try (JdkClient first = JdkClient.connect(shop())) {
            try (JdkClient second = JdkClient.connect(shop())) {
                assertThat(presenceUntil(first, n -> n >= 2)).isGreaterThanOrEqualTo(2);
            }
            assertThat(presenceUntil(first, n -> n == 1)).isEqualTo(1);
        }
    }

    @Test
    void unknownCommandsAndBadItemsAreAnsweredNotFatal() throws Exception {
        try (JdkClient client = JdkClient.connect(shop())) {
            assertThat(answer(client, "steal everything")).startsWith("unknown command 'steal'");
            assertThat(answer(client, "add <script>")).startsWith("an item is 1 to 40 letters");
            assertThat(answer(client, "add ok item")).startsWith("added ok item");
        }
    }

    /** The answer to {@code command}, passing over presence announcements. */
    private static String answer(JdkClient client, String command) throws Exception {
        client.send(command);
        while (true) {
            String next = (String) client.next(10);
            if (!next.startsWith("shoppers online: ")) {
                return next;
            }
        }
    }

    private static int presenceUntil(JdkClient client, java.util.function.IntPredicate wanted) throws Exception {
        List<String> seen = new ArrayList<>();
        while (true) {
            String next = (String) client.next(10);
            seen.add(next);
            if (next.startsWith("shoppers online: ")) {
                int count = Integer.parseInt(next.substring("shoppers online: ".length()));
                if (wanted.test(count)) {
                    return count;
                }
            }
            assertThat(seen).as("messages so far").hasSizeLessThan(50);
        }
    }

    private static long stamp(String answer) {
        Matcher m = REQUEST.matcher(answer);
        assertThat(m.find()).as("a request stamp in %s", answer).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long figure(String stats, String name) {
        Matcher m = Pattern.compile(name + " (\\d+)").matcher(stats);
        assertThat(m.find()).as("%s in %s", name, stats).isTrue();
        return Long.parseLong(m.group(1));
    }
}
