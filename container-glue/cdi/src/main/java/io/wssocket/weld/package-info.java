/**
 * The CDI glue's implementation on Weld SE: one Weld container per deployed application
 * ({@link io.wssocket.weld.WeldApplication}), started by {@link io.wssocket.weld.WeldIntegration},
 * which the runtime finds with {@code ServiceLoader}. Not visible to applications.
 */
package io.wssocket.weld;
