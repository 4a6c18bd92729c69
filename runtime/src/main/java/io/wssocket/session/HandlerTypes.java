package io.wssocket.session;

import jakarta.websocket.MessageHandler;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the type argument {@code T} that a class gives a one-parameter generic interface: the
 * message type of a {@code MessageHandler.Whole<T>} or {@code Partial<T>}, the object type of an
 * {@code Encoder.Text<T>} or {@code Decoder.Binary<T>}.
 */
final class HandlerTypes {
    private HandlerTypes() {
    }

    /**
     * @return the resolved message class
     * @throws IllegalStateException when the type cannot be known (a lambda or raw type): then the
     *     {@code addMessageHandler(Class, ...)} overloads must be used
     */
    static Class<?> messageType(Class<?> handlerClass, Class<?> handlerInterface) {
        Class<?> found = resolve(handlerClass, handlerInterface, new HashMap<>());
        if (found == null) {
            throw new IllegalStateException("cannot tell the message type of " + handlerClass.getName()
                    + " (a lambda or raw type?); use Session.addMessageHandler(Class, handler)");
        }
        return found;
    }

    /**
     * The class {@code implementation} binds the type parameter of {@code genericInterface} to,
     * or null when it does not implement it or leaves it unknown (raw use, a lambda).
     */
    public static Class<?> typeArgument(Class<?> implementation, Class<?> genericInterface) {
        return resolve(implementation, genericInterface, new HashMap<>());
    }

    private static Class<?> resolve(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length; i++) {
                bindings.put(vars[i], substitute(args[i], bindings));
            }
            if (raw == target) {
                return toClass(bindings.get(vars[0]));
            }
        } else if (type instanceof Class) {
            raw = (Class<?>) type;
            if (raw == target) {
                return null; // raw use of the interface
            }
        } else {
            return null;
        }
        for (Type iface : raw.getGenericInterfaces()) {
            Class<?> c = resolve(iface, target, bindings);
            if (c != null) {
                return c;
            }
        }
        Type superType = raw.getGenericSuperclass();
        return superType == null ? null : resolve(superType, target, bindings);
    }

    private static Type substitute(Type t, Map<TypeVariable<?>, Type> bindings) {
        while (t instanceof TypeVariable && bindings.containsKey(t)) {
            t = bindings.get(t);
        }
        return t;
    }

    private static Class<?> toClass(Type t) {
        if (t instanceof Class) {
            return (Class<?>) t;
        }
        if (t instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) t).getRawType();
        }
        if (t instanceof GenericArrayType) {
            Class<?> component = toClass(((GenericArrayType) t).getGenericComponentType());
            return component == null ? null : java.lang.reflect.Array.newInstance(component, 0).getClass();
        }
        return null;
    }

    static boolean isPartial(MessageHandler handler) {
        return handler instanceof MessageHandler.Partial;
    }
}
