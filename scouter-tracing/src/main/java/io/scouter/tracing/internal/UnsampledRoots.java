package io.scouter.tracing.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The span of a new trace when the tracer's sample ratio is 0, built without the SDK: the SDK would generate the same
 * random ids, ask the sampler (which drops every new trace at ratio 0) and return this same non-recording span, with
 * its span builder, attribute map and sampling result allocated on the way. The span still carries a trace id, so
 * propagation sends it with {@code is_sampled=false}. Registered per tracer of a runtime with ratio 0; stops with the
 * runtime (the SDK then starts no span at all, and neither does this). Not a public API.
 *
 * <pre>{@code
 * UnsampledRoots roots = UnsampledRoots.of(tracer);   // null unless the ratio is 0
 * Span span = roots != null ? roots.start() : null;   // null once the runtime stopped
 * }</pre>
 */
public final class UnsampledRoots {
  private static final Map<Tracer, UnsampledRoots> BY_TRACER = Collections.synchronizedMap(new WeakHashMap<>());
  private static final IdGenerator IDS = IdGenerator.random(); // the SDK's default, which the runtime keeps

  private volatile boolean active = true;

  /** Those of {@code tracer}, or {@code null} when its runtime samples new traces (ratio above 0, or not ours). */
  public static UnsampledRoots of(Tracer tracer) {
    return BY_TRACER.get(tracer);
  }

  /** Marks {@code tracer} as never sampling new traces. */
  public void register(Tracer tracer) {
    BY_TRACER.put(tracer, this);
  }

  /** The runtime stopped: from now on the SDK decides (and, shut down, starts nothing). */
  public void stop() {
    active = false;
  }

  /** A new trace's non-recording span, or {@code null} when the SDK must start it. */
  public Span start() {
    if (!active) {
      return null;
    }
    return Span.wrap(SpanContext.create(IDS.generateTraceId(), IDS.generateSpanId(), TraceFlags.getDefault(),
        TraceState.getDefault()));
  }
}
