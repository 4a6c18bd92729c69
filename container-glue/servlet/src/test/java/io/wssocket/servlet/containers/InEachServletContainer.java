package io.wssocket.servlet.containers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test run once in each embedded container (Tomcat 11, Jetty 12.1 ee10, Undertow 2.3); the test
 * method takes an {@link EmbeddedServletContainer}, not started, and starts its application in it.
 * JUnit closes the container after each run.
 *
 * <pre>{@code
 * @InEachServletContainer
 * void serves(EmbeddedServletContainer container) throws Exception {
 *     int port = container.start(WebApplication.at("/app").servlet("hello", new Hello(), "/hello"));
 *     ...
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("io.wssocket.servlet.containers.ServletContainers#all")
public @interface InEachServletContainer {
}
