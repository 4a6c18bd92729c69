package io.wssocket.client.internal;

import io.wssocket.handshake.ClientHandshakeRequest;
import io.wssocket.handshake.ExtensionHeaderParser;
import io.wssocket.handshake.ExtensionOffer;
import io.wssocket.handshake.HttpStatusException;
import io.wssocket.handshake.JakartaExtension;
import io.wssocket.handshake.PerMessageDeflate;
import io.wssocket.handshake.TokenList;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Extension;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The opening handshake request as a {@code ClientEndpointConfig.Configurator} sees it: every
 * header the request will carry, in a mutable map handed to {@code beforeRequest}, then read back
 * into the request. Changes to {@code Host}, {@code Origin}, {@code Sec-WebSocket-Protocol},
 * {@code Sec-WebSocket-Extensions} and any other header are honoured; the headers that make the
 * connection an upgrade with this key and version are the handshake's own and keep their values,
 * since the server's answer is checked against them (RFC 6455 §4.1).
 */
final class ClientRequestHeaders {
    private static final System.Logger LOG = System.getLogger(ClientRequestHeaders.class.getName());
    private static final String PROTOCOL = "Sec-WebSocket-Protocol";
    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";
    private static final Set<String> FIXED = caseInsensitive("Upgrade", "Connection", "Sec-WebSocket-Key",
            "Sec-WebSocket-Version", "Sec-WebSocket-Accept");

    private ClientRequestHeaders() {
    }

    /**
     * Builds the request to {@code uri} for {@code config}, after its configurator's
     * {@code beforeRequest} has seen and possibly changed the headers.
     *
     * @param offerDeflate whether to offer permessage-deflate: where the configuration's own
     *     extensions list it, else after them; false leaves a listed one out (not implemented here)
     * @param contextTakeover whether that offer lets the client keep its compression context
     * @throws IllegalArgumentException when the URI or a header cannot be sent (injection refused)
     */
    static ClientHandshakeRequest build(URI uri, ClientEndpointConfig config, Random random, boolean offerDeflate,
                                        boolean contextTakeover) {
        String key = ClientHandshakeRequest.newKey(random);
        List<ExtensionOffer> offers = new ArrayList<>();
        for (Extension extension : config.getExtensions()) {
            if (!extension.getName().equalsIgnoreCase(PerMessageDeflate.NAME)) {
                offers.add(JakartaExtension.offer(extension));
            } else if (offerDeflate) {
                // Where the list puts it: with the application's parameters, or this client's usual ones.
                offers.add(extension.getParameters().isEmpty() ? PerMessageDeflate.offer(contextTakeover)
                        : JakartaExtension.offer(extension));
                offerDeflate = false;
            }
        }
        if (offerDeflate) {
            offers.add(PerMessageDeflate.offer(contextTakeover));
        }
        ClientHandshakeRequest draft = ClientHandshakeRequest.to(uri).key(key)
                .subprotocols(config.getPreferredSubprotocols())
                .extensions(offers)
                .build(random);
        Map<String, List<String>> headers = headersOf(draft);
        config.getConfigurator().beforeRequest(headers);

        Map<String, List<String>> extra = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (FIXED.contains(name)) {
                List<String> original = draft.headers().get(name);
                if (!values.equals(original)) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "beforeRequest changed " + name + " to " + values
                            + "; the handshake's own value " + original + " is sent");
                }
            } else if (!name.equalsIgnoreCase(PROTOCOL) && !name.equalsIgnoreCase(EXTENSIONS) && values != null
                    && !values.isEmpty()) {
                extra.put(name, values);
            }
        });
        return ClientHandshakeRequest.to(uri).key(key)
                .subprotocols(TokenList.tokens(values(headers, PROTOCOL)))
                .extensions(extensions(values(headers, EXTENSIONS)))
                .headers(extra)
                .build(random);
    }

    /** A mutable, case-insensitive copy of the request's headers, each with a mutable list of values. */
    private static Map<String, List<String>> headersOf(ClientHandshakeRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        return headers;
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    private static List<ExtensionOffer> extensions(List<String> values) {
        try {
            return ExtensionHeaderParser.parse(values);
        } catch (HttpStatusException e) {
            throw new IllegalArgumentException("beforeRequest left a Sec-WebSocket-Extensions header that cannot be sent: "
                    + e.getMessage(), e);
        }
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
    }
}
