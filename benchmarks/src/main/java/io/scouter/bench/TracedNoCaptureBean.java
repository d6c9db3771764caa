package io.scouter.bench;

import io.opentelemetry.api.trace.Span;
import io.scouter.cdi.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code @Traced} without argument or result capture. */
@ApplicationScoped
@Traced(captureInput = false, captureOutput = false)
public class TracedNoCaptureBean {
  public Prediction score(Features features) {
    return Scoring.score(features);
  }

  /** Sanity check only: whether a span is current and sampled. */
  public boolean[] probe() {
    var ctx = Span.current().getSpanContext();
    return new boolean[] {ctx.isValid(), ctx.isSampled()};
  }
}
