package io.scouter.bench;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

/** The peer: SmallRye OpenTelemetry's CDI {@code @WithSpan} interceptor (MicroProfile Telemetry), same method. */
@ApplicationScoped
public class WithSpanBean {
  @WithSpan
  public Prediction score(Features features) {
    return Scoring.score(features);
  }

  /** Its closest thing to input capture: the argument as a span attribute ({@code String.valueOf} of the record). */
  @WithSpan
  public Prediction scoreWithAttribute(@SpanAttribute("features") Features features) {
    return Scoring.score(features);
  }

  /** Sanity check only: whether a span is current and sampled. */
  @WithSpan
  public boolean[] probe() {
    var ctx = Span.current().getSpanContext();
    return new boolean[] {ctx.isValid(), ctx.isSampled()};
  }
}
