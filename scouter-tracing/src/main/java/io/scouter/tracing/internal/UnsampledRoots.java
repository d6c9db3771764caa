package io.scouter.tracing.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The span of a new trace when the tracer's sample ratio is 0, built without the SDK: the SDK would generate random ids
 * the same way (its default generator, which the runtime keeps), ask the sampler (which drops every new trace at ratio
 * 0) and return a non-recording span, with its span builder, attribute map, sampling result, validated id strings and
 * span context allocated on the way. Here the span is one object that is also its own span context; it holds the three
 * random longs and writes them as hex only when something reads the ids (propagation, log correlation), so a call
 * that sends nothing out costs three random numbers. The span still carries a trace id, so propagation sends it with
 * {@code is_sampled=false}. Registered per tracer of a runtime with ratio 0; stops with the runtime (the SDK then starts
 * no span at all, and neither does this). Not a public API.
 *
 * <pre>{@code
 * UnsampledRoots roots = UnsampledRoots.of(tracer);   // null unless the ratio is 0
 * Span span = roots != null ? roots.start() : null;   // null once the runtime stopped
 * }</pre>
 */
public final class UnsampledRoots {
  private static final Map<Tracer, UnsampledRoots> BY_TRACER = Collections.synchronizedMap(new WeakHashMap<>());

  /** Lower-case hex of every byte value, two ASCII bytes each (the ids' format, as the SDK's {@code TraceId}). */
  private static final byte[] HEX_PAIRS = new byte[512];

  static {
    byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 256; i++) {
      HEX_PAIRS[2 * i] = digits[i >>> 4];
      HEX_PAIRS[2 * i + 1] = digits[i & 0xF];
    }
  }

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
    // the ids the SDK's RandomIdGenerator makes: random longs, the low half of the trace id and the span id never 0
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long hi = random.nextLong();
    long lo;
    do {
      lo = random.nextLong();
    } while (lo == 0);
    long span;
    do {
      span = random.nextLong();
    } while (span == 0);
    return new UnsampledSpan(hi, lo, span);
  }

  /** Writes {@code v} as 16 lower-case hex bytes at {@code at}. */
  static void hex(long v, byte[] b, int at) {
    for (int i = at + 14; i >= at; i -= 2) {
      int pair = ((int) v & 0xFF) << 1;
      b[i] = HEX_PAIRS[pair];
      b[i + 1] = HEX_PAIRS[pair + 1];
      v >>>= 8;
    }
  }

  /**
   * A non-recording span of a new unsampled trace and its own (local, valid, unsampled) span context: what
   * {@code Span.wrap(SpanContext.create(traceId, spanId, TraceFlags.getDefault(), TraceState.getDefault()))} returns,
   * with the id strings made on first read (racy but benign: every thread computes the same immutable string).
   */
  static final class UnsampledSpan implements Span, SpanContext {
    private final long traceHi;
    private final long traceLo;
    private final long spanId;
    private String traceIdHex;
    private String spanIdHex;

    UnsampledSpan(long traceHi, long traceLo, long spanId) {
      this.traceHi = traceHi;
      this.traceLo = traceLo;
      this.spanId = spanId;
    }

    // SpanContext

    @Override
    public String getTraceId() {
      String s = traceIdHex;
      if (s == null) {
        byte[] b = new byte[32];
        hex(traceHi, b, 0);
        hex(traceLo, b, 16);
        s = new String(b, StandardCharsets.ISO_8859_1);
        traceIdHex = s;
      }
      return s;
    }

    @Override
    public String getSpanId() {
      String s = spanIdHex;
      if (s == null) {
        byte[] b = new byte[16];
        hex(spanId, b, 0);
        s = new String(b, StandardCharsets.ISO_8859_1);
        spanIdHex = s;
      }
      return s;
    }

    @Override
    public TraceFlags getTraceFlags() {
      return TraceFlags.getDefault();
    }

    @Override
    public TraceState getTraceState() {
      return TraceState.getDefault();
    }

    @Override
    public boolean isSampled() {
      return false;
    }

    @Override
    public boolean isValid() {
      return true; // both halves random, the low half and the span id never 0
    }

    @Override
    public boolean isRemote() {
      return false;
    }

    /** Equal to another of these with the same ids (the API's own span contexts compare equal only to their kind). */
    @Override
    public boolean equals(Object o) {
      return o == this || (o instanceof UnsampledSpan u && u.traceHi == traceHi && u.traceLo == traceLo
          && u.spanId == spanId);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(traceHi) * 31 * 31 + Long.hashCode(traceLo) * 31 + Long.hashCode(spanId);
    }

    // Span: non-recording, every operation a no-op (as the API's PropagatedSpan)

    @Override
    public SpanContext getSpanContext() {
      return this;
    }

    @Override
    public boolean isRecording() {
      return false;
    }

    @Override
    public <T> Span setAttribute(AttributeKey<T> key, T value) {
      return this;
    }

    @Override
    public Span addEvent(String name, Attributes attributes) {
      return this;
    }

    @Override
    public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
      return this;
    }

    @Override
    public Span setStatus(StatusCode statusCode, String description) {
      return this;
    }

    @Override
    public Span recordException(Throwable exception, Attributes additionalAttributes) {
      return this;
    }

    @Override
    public Span updateName(String name) {
      return this;
    }

    @Override
    public void end() {}

    @Override
    public void end(long timestamp, TimeUnit unit) {}

    @Override
    public String toString() {
      return "UnsampledSpan{traceId=" + getTraceId() + ", spanId=" + getSpanId() + ", sampled=false}";
    }
  }
}
