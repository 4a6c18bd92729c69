package io.wssocket.endpoint;

import io.wssocket.endpoint.MessageMethod.MessageKind;
import io.wssocket.session.DecoderSet;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a {@code @ServerEndpoint} class against Jakarta WebSocket 2.2 chapter 4 and binds its
 * methods. Public methods of the class and its superclasses count, a method overridden in a
 * subclass once (as the subclass declares it, §4.8); bridge and synthetic methods are skipped.
 */
final class EndpointAnalyzer {
    private static final String OPEN_RULE = "an @OnOpen method takes Session, EndpointConfig and @PathParam parameters "
            + "(Jakarta WebSocket 2.2 §4.4)";
    private static final String CLOSE_RULE = "an @OnClose method takes Session, CloseReason and @PathParam parameters "
            + "(Jakarta WebSocket 2.2 §4.5)";
    private static final String ERROR_RULE = "an @OnError method takes one Throwable parameter, and Session and "
            + "@PathParam parameters (Jakarta WebSocket 2.2 §4.6)";
    private static final String MESSAGE_RULE = "an @OnMessage method takes one message parameter (Jakarta WebSocket 2.2 §4.7)";
    private static final String PARTIAL_RULE = "a partial @OnMessage method takes String, ByteBuffer or byte[] and a "
            + "boolean last (Jakarta WebSocket 2.2 §4.7)";
    private static final String MESSAGE_TYPE_RULE = "a message parameter is String, Reader, a Java primitive or its box, "
            + "ByteBuffer, byte[], InputStream, PongMessage, or a type one of the endpoint's decoders decodes "
            + "(Jakarta WebSocket 2.2 §4.7)";
    private static final String PATH_PARAM_RULE = "a @PathParam parameter is a String, a Java primitive or its box, "
            + "named after a variable of the endpoint's path (Jakarta WebSocket 2.2 §4.3)";
    private static final List<Class<? extends Annotation>> LIFECYCLE =
            List.of(OnOpen.class, OnClose.class, OnError.class, OnMessage.class);

    private final Class<?> type;
    private final String pathTemplate;
    private final List<Class<? extends Decoder>> decoderClasses;
    private PathTemplate path;
    private DecoderSet decoders;
    private Method openMethod;
    private Method closeMethod;
    private Method errorMethod;
    private MethodInvoker onOpen;
    private MethodInvoker onClose;
    private MethodInvoker onError;
    private Class<?> errorType;
    private final Map<MessageKind, Method> messageMethodsByKind = new EnumMap<>(MessageKind.class);
    private final List<MessageMethod> messageMethods = new ArrayList<>();

    /**
     * @param pathTemplate the {@code @ServerEndpoint} path; "/" for a client endpoint, which has no
     *     path variables (so a {@code @PathParam} there is refused)
     */
    EndpointAnalyzer(Class<?> type, String pathTemplate, List<Class<? extends Decoder>> decoderClasses) {
        this.type = type;
        this.pathTemplate = pathTemplate;
        this.decoderClasses = decoderClasses;
    }

    AnnotatedEndpointModel analyze() throws DeploymentException {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new DeploymentException("endpoint " + type.getName() + ": is abstract; an endpoint class must be "
                    + "concrete so that an instance can be created per connection (Jakarta WebSocket 2.2 §4.1)");
        }
        try {
            path = PathTemplate.parse(pathTemplate);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("endpoint " + type.getName() + ": " + e.getMessage());
        }
        decoders = DecoderSet.of(type.getName(), decoderClasses);
        for (Method method : lifecycleMethods()) {
            bind(method);
        }
        return new AnnotatedEndpointModel(type, path, decoders, onOpen, onClose, onError, errorType, messageMethods);
    }

    /** The annotated methods, subclass first, each signature once. */
    private List<Method> lifecycleMethods() {
        List<Method> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isBridge() || method.isSynthetic()) {
                    continue;
                }
                boolean overridable = !Modifier.isPrivate(method.getModifiers()) && !Modifier.isStatic(method.getModifiers());
                String signature = method.getName() + Arrays.toString(method.getParameterTypes());
                if (overridable && !seen.add(signature)) {
                    continue; // overridden in a subclass: the subclass's declaration counts
                }
                if (LIFECYCLE.stream().anyMatch(method::isAnnotationPresent)) {
                    found.add(method);
                }
            }
        }
        return found;
    }

    private void bind(Method method) throws DeploymentException {
        List<String> present = LIFECYCLE.stream().filter(method::isAnnotationPresent)
                .map(a -> "@" + a.getSimpleName()).collect(Collectors.toList());
        if (present.size() > 1) {
            throw fail(method, "is annotated with " + String.join(" and ", present),
                    "a method handles one event (Jakarta WebSocket 2.2 §4.4-§4.7)");
        }
        if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
            throw fail(method, "is " + (Modifier.isStatic(method.getModifiers()) ? "static" : "not public"),
                    present.get(0) + " methods are public instance methods (Jakarta WebSocket 2.2 §4)");
        }
        if (method.isAnnotationPresent(OnOpen.class)) {
            openMethod = unique(openMethod, method, "@OnOpen", "§4.4");
            onOpen = invoker(method, lifecycleSources(method, EndpointConfig.class, ArgumentSource.CONFIG, OPEN_RULE));
        } else if (method.isAnnotationPresent(OnClose.class)) {
            closeMethod = unique(closeMethod, method, "@OnClose", "§4.5");
            onClose = invoker(method, lifecycleSources(method, CloseReason.class, ArgumentSource.CLOSE_REASON, CLOSE_RULE));
        } else if (method.isAnnotationPresent(OnError.class)) {
            errorMethod = unique(errorMethod, method, "@OnError", "§4.6");
            onError = invoker(method, errorSources(method));
        } else {
            bindMessageMethod(method);
        }
    }

    private Method unique(Method previous, Method method, String annotationName, String section) throws DeploymentException {
        if (previous != null) {
            throw fail(method, "is a second " + annotationName + " method (the first is " + describe(previous) + ")",
                    "an endpoint has at most one " + annotationName + " method (Jakarta WebSocket 2.2 " + section + ")");
        }
        return method;
    }

    /** Session, one optional event parameter ({@code extra}) and path parameters. */
    private ArgumentSource[] lifecycleSources(Method method, Class<?> extra, ArgumentSource extraSource, String rule)
            throws DeploymentException {
        Parameter[] parameters = method.getParameters();
        ArgumentSource[] sources = new ArgumentSource[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            ArgumentSource common = commonSource(method, parameters[i]);
            if (common != null) {
                sources[i] = common;
            } else if (parameters[i].getType() == extra) {
                sources[i] = extraSource;
            } else {
                throw fail(method, "parameter " + (i + 1) + " of type " + parameters[i].getType().getSimpleName()
                        + " is not allowed", rule);
            }
        }
        return sources;
    }

    private ArgumentSource[] errorSources(Method method) throws DeploymentException {
        Parameter[] parameters = method.getParameters();
        ArgumentSource[] sources = new ArgumentSource[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            ArgumentSource common = commonSource(method, parameters[i]);
            if (common != null) {
                sources[i] = common;
            } else if (Throwable.class.isAssignableFrom(parameters[i].getType())) {
                if (errorType != null) {
                    throw fail(method, "has two Throwable parameters", ERROR_RULE);
                }
                errorType = parameters[i].getType();
                sources[i] = ArgumentSource.ERROR;
            } else {
                throw fail(method, "parameter " + (i + 1) + " of type " + parameters[i].getType().getSimpleName()
                        + " is not allowed", ERROR_RULE);
            }
        }
        if (errorType == null) {
            throw fail(method, "has no Throwable parameter", ERROR_RULE);
        }
        return sources;
    }

    /**
     * The variable a @PathParam name refers to. A name written as in the template, {@code "{x}"},
     * refers to {@code x} when the path has no variable of the literal name: the Jakarta WebSocket
     * 2.2 TCK (websocketmessage, WSFullBooleanAndSessionAndPathParamServer) expects that.
     */
    private String variableName(String name) {
        if (name.length() > 2 && name.startsWith("{") && name.endsWith("}") && !path.variableNames().contains(name)) {
            String inner = name.substring(1, name.length() - 1);
            if (path.variableNames().contains(inner)) {
                return inner;
            }
        }
        return name;
    }

    private static String boxName(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType().getSimpleName();
    }

    /** Session and @PathParam parameters, allowed in every annotated method; null for any other. */
    private ArgumentSource commonSource(Method method, Parameter parameter) throws DeploymentException {
        PathParam pathParam = parameter.getAnnotation(PathParam.class);
        if (pathParam != null) {
            Class<?> t = parameter.getType();
            if (StringConversion.to(t) == null) {
                throw fail(method, "@PathParam(\"" + pathParam.value() + "\") parameter of type " + t.getSimpleName()
                        + " cannot take a path segment", PATH_PARAM_RULE);
            }
            // PathParam javadoc: a name that matches no variable of the path gives null. A primitive cannot
            // take null, so there the unmatched name is a deployment error rather than a failure per call.
            if (t.isPrimitive() && !path.variableNames().contains(variableName(pathParam.value()))) {
                throw fail(method, "@PathParam(\"" + pathParam.value() + "\") of primitive type " + t.getSimpleName()
                        + " names no variable of path '" + path.path() + "' (variables: " + path.variableNames()
                        + "), so its value would be null; use " + boxName(t) + " or a variable of the path",
                        PATH_PARAM_RULE);
            }
            return ArgumentSource.pathParameter(variableName(pathParam.value()), t);
        }
        return parameter.getType() == Session.class ? ArgumentSource.SESSION : null;
    }

    private void bindMessageMethod(Method method) throws DeploymentException {
        Parameter[] parameters = method.getParameters();
        ArgumentSource[] sources = new ArgumentSource[parameters.length];
        List<Integer> message = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            sources[i] = commonSource(method, parameters[i]);
            if (sources[i] == null) {
                message.add(i);
            }
        }
        if (message.isEmpty()) {
            throw fail(method, "has no message parameter", MESSAGE_RULE);
        }
        if (message.size() > 2) {
            throw fail(method, message.size() + " message parameters", MESSAGE_RULE);
        }
        Bound bound;
        if (message.size() == 2) {
            int first = message.get(0);
            int second = message.get(1);
            Class<?> a = parameters[first].getType();
            Class<?> b = parameters[second].getType();
            if (a != boolean.class && b != boolean.class || a == boolean.class && b == boolean.class) {
                throw fail(method, "two message parameters", MESSAGE_RULE);
            }
            int part = a == boolean.class ? second : first;
            int last = a == boolean.class ? first : second;
            bound = partial(method, parameters[part].getType());
            sources[part] = ArgumentSource.message(MessageConverter.SAME);
            sources[last] = ArgumentSource.LAST;
        } else {
            int at = message.get(0);
            bound = whole(method, parameters[at].getType());
            sources[at] = ArgumentSource.message(bound.converter);
        }
        Method previous = messageMethodsByKind.putIfAbsent(bound.kind, method);
        if (previous != null) {
            throw fail(method, "is a second @OnMessage method for " + bound.kind.name().toLowerCase()
                    + " messages (the first is " + describe(previous) + ")",
                    "an endpoint has at most one @OnMessage method each for text, binary and pong messages "
                            + "(Jakarta WebSocket 2.2 §4.7)");
        }
        long maxSize = method.getAnnotation(OnMessage.class).maxMessageSize();
        messageMethods.add(new MessageMethod(bound.kind, bound.delivered, bound.partial, invoker(method, sources), maxSize));
    }

    /** A message kind, what the session delivers for it, and the conversion to the parameter's type. */
    private static final class Bound {
        final MessageKind kind;
        final Class<?> delivered;
        final boolean partial;
        final MessageConverter converter;

        Bound(MessageKind kind, Class<?> delivered, boolean partial, MessageConverter converter) {
            this.kind = kind;
            this.delivered = delivered;
            this.partial = partial;
            this.converter = converter;
        }
    }

    private Bound partial(Method method, Class<?> part) throws DeploymentException {
        if (part == String.class) {
            return new Bound(MessageKind.TEXT, String.class, true, MessageConverter.SAME);
        }
        if (part == ByteBuffer.class || part == byte[].class) {
            return new Bound(MessageKind.BINARY, part, true, MessageConverter.SAME);
        }
        throw fail(method, "partial message parameter of type " + part.getSimpleName(), PARTIAL_RULE);
    }

    private Bound whole(Method method, Class<?> t) throws DeploymentException {
        if (t == String.class || t == ByteBuffer.class || t == byte[].class) {
            return new Bound(t == String.class ? MessageKind.TEXT : MessageKind.BINARY, t, false, MessageConverter.SAME);
        }
        if (t == PongMessage.class) {
            return new Bound(MessageKind.PONG, PongMessage.class, false, MessageConverter.SAME);
        }
        // Reader and InputStream are handed over as they are: the session streams the message into
        // them while its frames arrive, without gathering it.
        if (t == Reader.class || t == InputStream.class) {
            return new Bound(t == Reader.class ? MessageKind.TEXT : MessageKind.BINARY, t, false, MessageConverter.SAME);
        }
        if (StringConversion.isPrimitiveOrBox(t)) {
            StringConversion conversion = StringConversion.to(t);
            return new Bound(MessageKind.TEXT, String.class, false, (text, d) -> {
                try {
                    return conversion.convert((String) text);
                } catch (IllegalArgumentException e) {
                    throw new DecodeException((String) text, "text message '" + text + "' is not a " + t.getSimpleName(), e);
                }
            });
        }
        // A stream decoder that comes first takes every message (it has no willDecode): the session
        // streams the message into it instead of gathering it.
        int[] text = decoders.decodersFor(t, true);
        if (text.length > 0 && decoders.streams(text)) {
            return new Bound(MessageKind.TEXT, Reader.class, false,
                    (reader, sessionDecoders) -> DecoderSet.decodeTextStream(text[0], (Reader) reader, sessionDecoders));
        }
        if (text.length > 0) {
            return new Bound(MessageKind.TEXT, String.class, false, (delivered, sessionDecoders) -> DecoderSet.decodeText(text, (String) delivered, sessionDecoders));
        }
        int[] binary = decoders.decodersFor(t, false);
        if (binary.length > 0 && decoders.streams(binary)) {
            return new Bound(MessageKind.BINARY, InputStream.class, false,
                    (in, sessionDecoders) -> DecoderSet.decodeBinaryStream(binary[0], (InputStream) in, sessionDecoders));
        }
        if (binary.length > 0) {
            return new Bound(MessageKind.BINARY, ByteBuffer.class, false, (delivered, sessionDecoders) -> DecoderSet.decodeBinary(binary, (ByteBuffer) delivered, sessionDecoders));
        }
        throw fail(method, "message parameter of type " + t.getName() + " has no decoder", MESSAGE_TYPE_RULE);
    }

    private MethodInvoker invoker(Method method, ArgumentSource[] sources) throws DeploymentException {
        try {
            return new MethodInvoker(MethodInvoker.spread(method), sources, describe(method));
        } catch (IllegalAccessException e) {
            throw fail(method, "cannot be called by the container: " + e.getMessage(),
                    "annotated methods are public methods of a class the container can access"
                    + (method.getDeclaringClass().getModule().isNamed()
                            ? "; its module must open package " + method.getDeclaringClass().getPackageName()
                                    + " to io.wssocket.runtime"
                            : ""));
        }
    }

    private DeploymentException fail(Method method, String problem, String rule) {
        return new DeploymentException("endpoint " + type.getName() + ": method " + describe(method) + ": "
                + problem + "; " + rule);
    }

    static String describe(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
