package io.scouter.tracing.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.scouter.tracing.TraceSpanRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Keeps finished sampled spans in memory while capture is on (bounded; the oldest are dropped and counted). Not a
 * public API.
 */
public final class LocalCapture implements SpanProcessor {
  /** Most spans held at once. */
  public static final int MAX_SPANS = 10_000;
  private static final Logger LOG = Logger.getLogger(LocalCapture.class.getName());

  private final ArrayDeque<SpanData> buffer = new ArrayDeque<>();
  private final RateLimitedLog dropLog = new RateLimitedLog(LOG, 30_000);
  private volatile boolean enabled;

  public void enable() {
    enabled = true;
  }

  public synchronized void disable() {
    enabled = false;
    buffer.clear();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (!enabled || !span.getSpanContext().isSampled()) {
      return;
    }
    SpanData data = span.toSpanData();
    synchronized (this) {
      if (!enabled) {
        return;
      }
      if (buffer.size() >= MAX_SPANS) {
        buffer.pollFirst();
        dropLog.warn("Scouter local capture holds " + MAX_SPANS + " spans; dropping the oldest (drain more often)");
      }
      buffer.addLast(data);
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /** Returns and clears the captured spans; empty when capture is off. */
  public List<TraceSpanRecord> drain() {
    List<SpanData> copy;
    synchronized (this) {
      if (!enabled) {
        return List.of();
      }
      copy = new ArrayList<>(buffer);
      buffer.clear();
    }
    return ServerView.convert(copy).spans();
  }

  /** The captured spans of those traces, without draining. */
  public List<TraceSpanRecord> byTraceIds(Collection<String> traceIds) {
    Set<String> ids = Set.copyOf(traceIds);
    List<SpanData> copy = new ArrayList<>();
    synchronized (this) {
      for (SpanData s : buffer) {
        if (ids.contains(s.getTraceId())) {
          copy.add(s);
        }
      }
    }
    return ServerView.convert(copy).spans();
  }
}
