package io.scouter.cdi;

import io.scouter.tracing.SpanKind;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces a CDI bean method (or every business method of a bean): each call becomes a span whose arguments are captured
 * as {@code scouter.tracing.input} and whose return value as {@code scouter.tracing.output}; exceptions are recorded
 * and re-thrown unchanged.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @Traced(label = "model")
 * public class Predictor {
 *   public Prediction predict(Features features) { ... }                  // span "Predictor.predict"
 *
 *   @Traced(value = "score_async", tags = {"tier=gold"})
 *   public CompletionStage<Double> score(Features f) { ... }             // ends when the stage completes
 *
 *   @Traced(captureLastStreamItem = true)
 *   public Stream<String> generate(String prompt) { ... }               // output = last item
 *
 *   @Traced(enabled = false)
 *   public void healthCheck() { ... }                                     // not traced
 * }
 * }</pre>
 *
 * <p>Return types: plain values; {@link java.util.concurrent.CompletionStage} (any subtype); {@link
 * java.util.stream.Stream}; {@link java.util.Iterator}; {@link java.util.concurrent.Flow.Publisher}; Mutiny {@code Uni}
 * and {@code Multi} when Mutiny is on the classpath. Asynchronous spans end on completion, failure or cancellation.
 *
 * <p>All members are {@link Nonbinding}: one interceptor serves every use.
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Traced {

  /** Span name; default {@code SimpleClassName.method}. */
  @Nonbinding
  String value() default "";

  /** Span kind; default {@link SpanKind#INTERNAL}. */
  @Nonbinding
  SpanKind kind() default SpanKind.INTERNAL;

  /** Written as {@code scouter.tracing.label}; empty for none. */
  @Nonbinding
  String label() default "";

  /**
   * Tags as {@code "key=value"}, written as {@code baggage.scouter.tracing.tag.<key>} and propagated to child spans.
   */
  @Nonbinding
  String[] tags() default {};

  /** Capture the arguments as JSON input. */
  @Nonbinding
  boolean captureInput() default true;

  /** Capture the return value (or the async result) as JSON output. */
  @Nonbinding
  boolean captureOutput() default true;

  /** For streams and publishers: capture the last item as output. */
  @Nonbinding
  boolean captureLastStreamItem() default false;

  /** Cut of captured string leaves; 0 means the configured {@code scouter.capture.max-length}. */
  @Nonbinding
  int maxLength() default 0;

  /** {@code false} on a method opts it out of a class-level {@code @Traced}. */
  @Nonbinding
  boolean enabled() default true;
}
