package io.wssocket.cdi;

import jakarta.enterprise.context.NormalScope;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One instance per WebSocket connection: the context is active while a callback of a session runs
 * (onOpen, each message, onError, onClose), and its instances are destroyed when the session
 * closes. Outside a callback the context is not active (CDI 4.1 §6.2), so calling such a bean
 * throws {@code ContextNotActiveException} ("WELD-001303: No active contexts for scope type
 * io.wssocket.cdi.ConnectionScoped"): such code reaches a connection through {@link OpenSessions}
 * or its {@code Session} instead.
 */
@NormalScope
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
public @interface ConnectionScoped {
}
