package io.wssocket.interop;

import io.wssocket.test.TestCertificates;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Headless Chromium over wss://: the {@link WssSubset} of {@link ClientInteropCases}, with the
 * browser quirks of {@link ChromiumClientInteropTest}. The browser verifies our server's
 * certificate as it would any site's, trusting it through the NSS database of a temporary home
 * ({@link NssTrust}); it is not told to skip the check. Its pages stay plain http on 127.0.0.1,
 * from which a page may open wss:// (mixed-content blocking only stops ws:// from https pages).
 * The browser's WebSocket API has nothing that says whether the connection is secure, so only our
 * server's session says so.
 */
class ChromiumClientWssInteropTest extends ChromiumClientInteropTest {
    @Override
    Scheme scheme() {
        return Scheme.WSS;
    }

    /** The browser's, with a {@code HOME} that trusts the test certificate, removed when the class ends. */
    @Override
    Map<String, String> browserEnvironment(ExtensionContext classContext) throws Exception {
        Map<String, String> environment = new HashMap<>(super.browserEnvironment(classContext));
        TemporaryDirectory home = NssTrust.homeTrusting(TestCertificates.localhost().certificatePem());
        // The class's store closes what it holds after the class's afterAll callbacks, the browser's end among them.
        classContext.getStore(ExtensionContext.Namespace.create(getClass())).put(TemporaryDirectory.class, home);
        environment.put("HOME", home.path().toString());
        return environment;
    }
}
