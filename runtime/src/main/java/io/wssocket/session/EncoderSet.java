package io.wssocket.session;

import io.wssocket.spi.SessionInstances;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoders of one endpoint configuration, analysed once at deployment: for each encoder
 * class, the type of object it encodes, how it writes (text, text stream, binary, binary
 * stream) and a constructor handle. {@link #open(SessionInstances)} makes the per-session
 * instances (Jakarta WebSocket 2.2 §3.3: each session has its own encoder instances).
 */
public final class EncoderSet {
    /** How an encoder writes its output. */
    enum Form { TEXT, TEXT_STREAM, BINARY, BINARY_STREAM }

    record Entry(Class<?> encoderClass, Class<?> objectType, Form form, MethodHandle constructor) {
    }

    private static final EncoderSet NONE = new EncoderSet(List.of());

    private final List<Entry> entries;

    private EncoderSet(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static EncoderSet none() {
        return NONE;
    }

    /**
     * @param owner names the endpoint in error messages
     * @throws DeploymentException when an encoder cannot be created or its object type not known
     */
    public static EncoderSet of(String owner, List<Class<? extends Encoder>> encoderClasses) throws DeploymentException {
        if (encoderClasses == null || encoderClasses.isEmpty()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (Class<? extends Encoder> type : encoderClasses) {
            Form form = formOf(type);
            if (form == null) {
                throw new DeploymentException("endpoint " + owner + ": encoder " + type.getName()
                        + " implements none of Encoder.Text, TextStream, Binary, BinaryStream (Jakarta WebSocket 2.2 §3.3)");
            }
            Class<?> objectType = HandlerTypes.typeArgument(type, interfaceOf(form));
            if (objectType == null) {
                throw new DeploymentException("endpoint " + owner + ": cannot tell which type encoder " + type.getName()
                        + " encodes; give the Encoder interface a concrete type argument");
            }
            entries.add(new Entry(type, objectType, form, constructorOf(owner, "encoder", type)));
        }
        return new EncoderSet(entries);
    }

    /** A public no-argument constructor as a handle of type {@code ()Object}, for per-session instances. */
    public static MethodHandle constructorOf(String owner, String role, Class<?> type) throws DeploymentException {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new DeploymentException("endpoint " + owner + ": " + role + " " + type.getName()
                    + " is abstract; it must be a concrete class");
        }
        try {
            return MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            // A class of a named module that opens its package to the runtime instead of exporting it
            try {
                Constructor<?> constructor = type.getConstructor();
                if (Modifier.isPublic(type.getModifiers()) && constructor.trySetAccessible()) {
                    return MethodHandles.lookup().unreflectConstructor(constructor).asType(MethodType.methodType(Object.class));
                }
            } catch (NoSuchMethodException | IllegalAccessException | SecurityException notThatEither) {
                e.addSuppressed(notThatEither);
            }
            throw new DeploymentException("endpoint " + owner + ": " + role + " " + type.getName()
                    + " needs a public no-argument constructor in a public class"
                    + (type.getModule().isNamed()
                            ? "; its module must open package " + type.getPackageName() + " to io.wssocket.runtime" : ""), e);
        }
    }

    private static Form formOf(Class<?> type) {
        if (Encoder.Text.class.isAssignableFrom(type)) {
            return Form.TEXT;
        }
        if (Encoder.TextStream.class.isAssignableFrom(type)) {
            return Form.TEXT_STREAM;
        }
        if (Encoder.Binary.class.isAssignableFrom(type)) {
            return Form.BINARY;
        }
        if (Encoder.BinaryStream.class.isAssignableFrom(type)) {
            return Form.BINARY_STREAM;
        }
        return null;
    }

    private static Class<?> interfaceOf(Form form) {
        switch (form) {
            case TEXT:
                return Encoder.Text.class;
            case TEXT_STREAM:
                return Encoder.TextStream.class;
            case BINARY:
                return Encoder.Binary.class;
            default:
                return Encoder.BinaryStream.class;
        }
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * New encoder instances for one session; {@link SessionEncoders#init(EndpointConfig)} runs them
     * at open. Without encoders, the one shared {@link SessionEncoders#NONE}: nothing per session.
     */
    SessionEncoders open(SessionInstances instances) {
        return entries.isEmpty() ? SessionEncoders.NONE : new SessionEncoders(this, instances);
    }

    /** A new instance of a coder class for one session, by its integration or its constructor. */
    static Object instantiate(SessionInstances instances, Class<?> type, MethodHandle constructor, String role) {
        try {
            return instances.create(type, constructor);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create " + role + " " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
