package io.wssocket.cdi.app;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {
    @AroundInvoke
    Object audit(InvocationContext call) throws Exception {
        Lifecycle.record("audited " + call.getMethod().getName());
        return call.proceed();
    }
}
