package io.scouter.tracing.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.scouter.tracing.RemoteParent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scouter's legacy headers {@code trace_id}, {@code span_id} and {@code is_sampled} as an OpenTelemetry
 * {@link TextMapPropagator}, for a runtime SDK configured with {@code otel.propagators=tracecontext,baggage,scouter}.
 * Extraction keeps a parent another propagator already found (W3C wins, as in {@link HeaderCodec#extract}); malformed
 * values are ignored, so the request starts a new trace. Not a public API.
 */
public final class ScouterPropagator implements TextMapPropagator {
  private static final ScouterPropagator INSTANCE = new ScouterPropagator();
  private static final List<String> FIELDS =
      List.of(HeaderCodec.TRACE_ID, HeaderCodec.SPAN_ID, HeaderCodec.IS_SAMPLED);

  private ScouterPropagator() {}

  public static ScouterPropagator getInstance() {
    return INSTANCE;
  }

  @Override
  public Collection<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    SpanContext sc = Span.fromContext(context).getSpanContext();
    if (!sc.isValid()) {
      return;
    }
    setter.set(carrier, HeaderCodec.TRACE_ID, sc.getTraceId());
    setter.set(carrier, HeaderCodec.SPAN_ID, sc.getSpanId());
    setter.set(carrier, HeaderCodec.IS_SAMPLED, Boolean.toString(sc.isSampled()));
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (context == null) {
      context = Context.root();
    }
    if (getter == null || Span.fromContext(context).getSpanContext().isValid()) {
      return context;
    }
    String traceId = getter.get(carrier, HeaderCodec.TRACE_ID);
    String spanId = getter.get(carrier, HeaderCodec.SPAN_ID);
    if (traceId == null || spanId == null) {
      return context;
    }
    String sampled = getter.get(carrier, HeaderCodec.IS_SAMPLED);
    Map<String, String> legacy = sampled == null
        ? Map.of(HeaderCodec.TRACE_ID, traceId, HeaderCodec.SPAN_ID, spanId)
        : Map.of(HeaderCodec.TRACE_ID, traceId, HeaderCodec.SPAN_ID, spanId, HeaderCodec.IS_SAMPLED, sampled);
    Optional<RemoteParent> parent = HeaderCodec.extract(legacy);
    if (parent.isEmpty()) {
      return context;
    }
    SpanContext remote = HeaderCodec.toSpanContext(parent.get());
    return remote.isValid() ? context.with(Span.wrap(remote)) : context;
  }

  @Override
  public String toString() {
    return "ScouterPropagator";
  }
}
