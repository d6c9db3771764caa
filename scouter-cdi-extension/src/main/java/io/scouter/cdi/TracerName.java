package io.scouter.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects a {@link io.scouter.tracing.ScouterTracer} by name (the instrumentation scope). Without it the injected
 * tracer is named after the service.
 *
 * <pre>{@code
 * @Inject @TracerName("billing") ScouterTracer tracer;
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface TracerName {
  /** The tracer name. */
  @Nonbinding
  String value() default "";

  /** A literal for programmatic lookup: {@code Instance.select(ScouterTracer.class, TracerName.Literal.of("x"))}. */
  final class Literal extends AnnotationLiteral<TracerName> implements TracerName {
    private static final long serialVersionUID = 1L;
    private final String value;

    private Literal(String value) {
      this.value = value;
    }

    public static Literal of(String value) {
      return new Literal(value);
    }

    @Override
    public String value() {
      return value;
    }
  }
}
