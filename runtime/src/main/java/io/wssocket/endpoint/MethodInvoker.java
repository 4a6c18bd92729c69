package io.wssocket.endpoint;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * One annotated method, bound at deployment: a method handle of type (Object target, Object[]
 * arguments)Object and where each argument comes from. A call does no reflection.
 */
final class MethodInvoker {
    private static final MethodType SPREAD = MethodType.methodType(Object.class, Object.class, Object[].class);

    private final MethodHandle handle;
    private final ArgumentSource[] sources;
    private final String description;

    MethodInvoker(MethodHandle handle, ArgumentSource[] sources, String description) {
        this.handle = handle;
        this.sources = sources.clone();
        this.description = description;
    }

    /** The handle of {@code method} in spread form; public methods of non-public classes too. */
    static MethodHandle spread(Method method) throws IllegalAccessException {
        MethodHandle direct;
        try {
            direct = MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException e) {
            // A public method of a class that is not public itself (a nested test endpoint, say).
            if (!method.trySetAccessible()) {
                throw e;
            }
            direct = MethodHandles.lookup().unreflect(method);
        }
        return direct.asSpreader(Object[].class, method.getParameterCount()).asType(SPREAD);
    }

    /** Calls the method; what it throws is passed on unchanged. Returns null for a void method. */
    Object invoke(Object target, CallContext call) throws Throwable {
        Object[] arguments = new Object[sources.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = sources[i].value(call);
        }
        return (Object) handle.invokeExact(target, arguments);
    }

    /** The method as {@code name(Type, Type)}, for messages. */
    String description() {
        return description;
    }
}
