package example.cdi.enabled;

import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies only where beans.xml lists it under {@code <interceptors>} (it has no @Priority). */
@Interceptor
@Counted
public class CountingInterceptor {
    @Inject
    Calls calls;

    @AroundInvoke
    Object count(InvocationContext invocation) throws Exception {
        calls.add();
        return invocation.proceed();
    }
}
