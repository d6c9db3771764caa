package io.scouter.cdi.internal.otel;

import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurablePropagatorProvider;
import io.scouter.tracing.internal.ScouterPropagator;

/**
 * The OpenTelemetry autoconfigure propagator {@code scouter}: with {@code otel.propagators=tracecontext,baggage,scouter}
 * a runtime's SDK also reads and writes Scouter's legacy {@code trace_id}, {@code span_id} and {@code is_sampled}
 * headers, so callers that send only those join the trace. Not a public API; registered in {@code META-INF/services}.
 */
public final class ScouterPropagatorProvider implements ConfigurablePropagatorProvider {
  @Override
  public TextMapPropagator getPropagator(ConfigProperties config) {
    return ScouterPropagator.getInstance();
  }

  @Override
  public String getName() {
    return "scouter";
  }
}
