package io.wssocket.handshake;

import java.util.List;
import java.util.Objects;

/**
 * One extension of a {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1), e.g.
 * {@code permessage-deflate; client_max_window_bits}.
 */
public record ExtensionOffer(String name, List<Parameter> parameters) {

    public ExtensionOffer {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
    }

    /** An extension parameter; {@code value} is null when the parameter has none. */
    public record Parameter(String name, String value) {
        public Parameter {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The header form: {@code name; param; param=value}. A value that is not a token is written
     * as a quoted-string.
     */
    public String toHeaderValue() {
        StringBuilder sb = new StringBuilder(name);
        for (Parameter p : parameters) {
            sb.append("; ").append(p.name());
            if (p.value() != null) {
                sb.append('=');
                if (HttpSyntax.isToken(p.value())) {
                    sb.append(p.value());
                } else {
                    // RFC 9110 §5.6.4: quoted-pair escapes '"' and '\'.
                    sb.append('"');
                    for (int i = 0; i < p.value().length(); i++) {
                        char c = p.value().charAt(i);
                        if (c == '"' || c == '\\') {
                            sb.append('\\');
                        }
                        sb.append(c);
                    }
                    sb.append('"');
                }
            }
        }
        return sb.toString();
    }
}
