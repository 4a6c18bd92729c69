package io.wssocket.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The executor that runs endpoint code: virtual threads when the JVM has them (Java 21+), else a
 * {@link CallbackThreadPool} of platform threads that replaces threads blocked on peers that do
 * not read, up to a ceiling. Callbacks may block; event loops never wait for them.
 */
public final class CallbackExecutors {
    private CallbackExecutors() {
    }

    /**
     * @param poolSize runnable threads of the platform pool, used when virtual threads are not
     *     available or {@code preferVirtual} is false
     * @param ceiling threads that pool may have in all, those blocked on peers included
     */
    public static ExecutorService create(String name, boolean preferVirtual, int poolSize, int ceiling) {
        if (preferVirtual) {
            ExecutorService virtual = virtualThreadExecutor(name);
            if (virtual != null) {
                return virtual;
            }
        }
        return new CallbackThreadPool(name, poolSize, ceiling);
    }

    private static ExecutorService virtualThreadExecutor(String name) {
        try {
            // Thread.ofVirtual().name(name, 0).factory(), looked up so that we compile for Java 17.
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Object builder = lookup.findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual"))).invoke();
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = lookup.findVirtual(builderType, "name",
                    MethodType.methodType(builderType, String.class, long.class)).invoke(builder, name + "-", 0L);
            ThreadFactory factory = (ThreadFactory) lookup.findVirtual(builderType, "factory",
                    MethodType.methodType(ThreadFactory.class)).invoke(builder);
            return (ExecutorService) lookup.findStatic(java.util.concurrent.Executors.class, "newThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class, ThreadFactory.class)).invoke(factory);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null; // Java 17-20
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create virtual thread executor", t);
        }
    }
}
