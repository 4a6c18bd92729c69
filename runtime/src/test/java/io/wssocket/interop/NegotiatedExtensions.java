package io.wssocket.interop;

import jakarta.websocket.Extension;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The extensions a Jakarta session negotiated, written as a {@code Sec-WebSocket-Extensions} value
 * (RFC 6455 §9.1): {@code permessage-deflate; server_no_context_takeover; client_max_window_bits=15}.
 * A parameter without a value is its name alone, whether the library holds that as null or as "".
 */
final class NegotiatedExtensions {
    /** The command of the control endpoints that answers {@code extensions <value>}. */
    static final String COMMAND = "extensions";

    private NegotiatedExtensions() {
    }

    static String header(List<Extension> extensions) {
        return extensions.stream().map(NegotiatedExtensions::header).collect(Collectors.joining(", "));
    }

    private static String header(Extension extension) {
        StringBuilder text = new StringBuilder(extension.getName());
        for (Extension.Parameter parameter : extension.getParameters()) {
            text.append("; ").append(parameter.getName());
            if (parameter.getValue() != null && !parameter.getValue().isEmpty()) {
                text.append('=').append(parameter.getValue());
            }
        }
        return text.toString();
    }
}
