package io.scouter.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a parameter out of the captured input of a {@link Traced} method.
 *
 * <pre>{@code
 * @Traced
 * public Reply chat(String message, @NoCapture Session session) { ... }   // input = {"message": "..."}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface NoCapture {}
