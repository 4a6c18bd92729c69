package io.wssocket.interop;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A headless Chromium's {@code WebSocket} ({@code src/test/node/chromium-driver.mjs}, through
 * playwright-core) against our server: one browser for the class, one page per connection.
 * Chromium comes from the system: {@code -Dwssocket.chromium=...}, {@code WSSOCKET_CHROMIUM}, or
 * {@code chromium} on the PATH.
 */
class ChromiumClientInteropTest extends ClientInteropCases {
    /**
     * Started for each class with the environment that the class's {@link #browserEnvironment}
     * gives: the class's one test instance (see {@link ClientInteropCases}) exists by then.
     */
    @RegisterExtension
    static final NodeDriverExtension browser = NodeDriverExtension.script("chromium-driver.mjs",
            context -> ((ChromiumClientInteropTest) context.getRequiredTestInstance()).browserEnvironment(context));

    /** The driver's environment: which Chromium to run. */
    Map<String, String> browserEnvironment(ExtensionContext classContext) throws Exception {
        return Map.of("CHROMIUM", Executables.find("chromium", "wssocket.chromium").orElseThrow(() -> new IllegalStateException(
                "Chromium is not on the PATH: install it (Debian: apt-get install chromium chromium-driver), "
                        + "or name its executable with -Dwssocket.chromium=...")).toString());
    }

    @Override
    InteropPeer connect(URI uri, boolean partialHandlers, List<String> subprotocols) throws Exception {
        return browser.connect(uri, subprotocols);
    }

    /** The browser offers permessage-deflate on every connection by itself. */
    @Override
    InteropPeer connectOfferingDeflate(URI uri) throws Exception {
        return browser.connectOfferingDeflate(uri);
    }

    /**
     * The driver's pages come from its own page server, another origin than ours (another port),
     * which the server refuses by default: every origin is admitted explicitly, since these cases
     * are about frames, not origins.
     */
    @Override
    String allowedOrigins() {
        return "*";
    }

    /** The WebSocket API's send() takes whole messages only. */
    @Override
    boolean clientSendsFragments() {
        return false;
    }

    /** The WebSocket API has no ping; the browser answers the server's pings by itself. */
    @Override
    boolean clientSendsPings() {
        return false;
    }

    /** The WebSocket API's close() refuses every other code with an InvalidAccessError (WHATWG WebSockets, close()). */
    @Override
    boolean clientSendsCloseCode(int code) {
        return code == 1000 || code >= 3000 && code <= 4999;
    }

    /** A message event carries a whole message. */
    @Override
    int piecesDeliveredFor(MessageType type, int size, int frames) {
        return 1;
    }
}
