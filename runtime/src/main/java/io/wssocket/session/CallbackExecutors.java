package io.wssocket.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that runs endpoint code: virtual threads when the JVM has them (Java 21+), else a
 * bounded pool of platform threads. Callbacks may block; event loops never wait for them.
 */
public final class CallbackExecutors {
    private CallbackExecutors() {
    }

    /**
     * @param poolSize threads of the fallback pool, used when virtual threads are not available or
     *     {@code preferVirtual} is false
     */
    public static ExecutorService create(String name, boolean preferVirtual, int poolSize) {
        if (preferVirtual) {
            ExecutorService virtual = virtualThreadExecutor(name);
            if (virtual != null) {
                return virtual;
            }
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(poolSize, poolSize, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonFactory(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
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

    private static ThreadFactory daemonFactory(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            // A pool thread is created by whichever thread submits first, possibly one running an
            // application's code: without this it would inherit, and pin, that application's loader.
            t.setContextClassLoader(CallbackExecutors.class.getClassLoader());
            return t;
        };
    }
}
