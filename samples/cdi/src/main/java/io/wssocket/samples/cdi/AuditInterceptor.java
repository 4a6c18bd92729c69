package io.wssocket.samples.cdi;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Counts and times every {@link Audited} call, whether it returns or throws. */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {
    @Inject
    AuditLog audit;

    @AroundInvoke
    Object audit(InvocationContext call) throws Exception {
        long start = System.nanoTime();
        try {
            return call.proceed();
        } finally {
            audit.handled(call.getMethod().getName(), System.nanoTime() - start);
        }
    }
}
