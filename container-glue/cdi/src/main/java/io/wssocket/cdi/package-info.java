/**
 * What applications use of the CDI glue: the {@link io.wssocket.cdi.ConnectionScoped} scope, the
 * {@link io.wssocket.cdi.SessionOpened} and {@link io.wssocket.cdi.SessionClosed} events, and the
 * injectable {@link io.wssocket.cdi.OpenSessions}. This package is shared with every deployed
 * application; the implementation ({@code io.wssocket.weld}) is not.
 */
package io.wssocket.cdi;
