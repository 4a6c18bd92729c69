package io.wssocket.endpoint;

import jakarta.websocket.DecodeException;

/** Where one parameter of an annotated method takes its argument from, resolved once at deployment. */
@FunctionalInterface
interface ArgumentSource {

    /** @throws DecodeException when a path parameter or the message cannot become the parameter's type */
    Object value(CallContext call) throws DecodeException;

    ArgumentSource SESSION = CallContext::session;
    ArgumentSource CONFIG = CallContext::config;
    ArgumentSource CLOSE_REASON = CallContext::closeReason;
    ArgumentSource ERROR = CallContext::error;
    ArgumentSource LAST = CallContext::last;

    /** The message, converted from what the session delivered by {@code converter}. */
    static ArgumentSource message(MessageConverter converter) {
        return call -> converter.convert(call.message(), call.decoders());
    }

    /** Jakarta WebSocket 2.2 §4.3: the value of the path template variable, converted to the parameter's type. */
    static ArgumentSource pathParameter(String name, Class<?> type) {
        StringConversion conversion = StringConversion.to(type);
        boolean primitive = type.isPrimitive();
        return call -> {
            String text = call.session().getPathParameters().get(name);
            if (text == null) {
                if (primitive) {
                    throw new DecodeException((String) null, "path parameter {" + name + "} has no value");
                }
                return null;
            }
            try {
                return conversion.convert(text);
            } catch (IllegalArgumentException e) {
                throw new DecodeException(text, "path parameter {" + name + "} = '" + text + "' is not a "
                        + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        };
    }
}
