package io.scouter.jaxrs.internal.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Added by {@link io.scouter.jaxrs.ScouterJaxrsExtension} to async JAX-RS resource methods ({@code @Suspended}
 * parameter or {@code CompletionStage} return type). Not a public API.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AsyncResourceScope {
  /** The literal. */
  final class Literal extends AnnotationLiteral<AsyncResourceScope> implements AsyncResourceScope {
    public static final Literal INSTANCE = new Literal();
    private static final long serialVersionUID = 1L;
  }
}
