package io.scouter.tracing.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The span of a new trace when the tracer's sample ratio is 0, built without the SDK: the SDK would generate random ids
 * the same way (its default generator, which the runtime keeps), ask the sampler (which drops every new trace at ratio 0) and return this same non-recording span, with
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
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** Per thread, the 32 bytes an id is written to before it becomes a string (one copy, no char[] step). */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[32]);

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
    // the ids the SDK's RandomIdGenerator makes (random longs, the low half and the span id never 0), written as
    // lower-case hex directly into bytes (its TraceId.fromLongs goes through a char[] and compresses it)
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] b = SCRATCH.get();
    long hi = random.nextLong();
    long lo;
    do {
      lo = random.nextLong();
    } while (lo == 0);
    hex(hi, b, 0);
    hex(lo, b, 16);
    String traceId = new String(b, 0, 32, StandardCharsets.ISO_8859_1);
    long span;
    do {
      span = random.nextLong();
    } while (span == 0);
    hex(span, b, 0);
    String spanId = new String(b, 0, 16, StandardCharsets.ISO_8859_1);
    return Span.wrap(SpanContext.create(traceId, spanId, TraceFlags.getDefault(), TraceState.getDefault()));
  }

  private static void hex(long v, byte[] b, int at) {
    for (int i = at + 15; i >= at; i--) {
      b[i] = HEX[(int) v & 0xF];
      v >>>= 4;
    }
  }
}
