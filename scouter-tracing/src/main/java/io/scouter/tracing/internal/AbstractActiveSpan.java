package io.scouter.tracing.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.scouter.queue.EvalRecord;
import io.scouter.queue.QueueBus;
import io.scouter.queue.QueueEvent;
import io.scouter.queue.QueueItem;
import io.scouter.queue.ScouterQueue;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.internal.capture.CaptureSerializer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Scouter's span helpers over an OpenTelemetry span. Not a public API. */
public abstract class AbstractActiveSpan implements ActiveSpan {
  private static final Logger LOG = Logger.getLogger(AbstractActiveSpan.class.getName());
  /** When the last "no queue" warning was logged; later ones within a minute go to FINE. */
  private static final AtomicLong NO_QUEUE_WARNED = new AtomicLong(Long.MIN_VALUE);
  final int maxLength;

  AbstractActiveSpan(int maxLength) {
    this.maxLength = maxLength;
  }

  /** The span operated on. */
  abstract Span span();

  @Override
  public ActiveSpan setAttribute(String key, Object value) {
    Span s = span();
    if (s.isRecording()) {
      AttributeValues.set(s, key, value, maxLength);
    }
    return this;
  }

  @Override
  public ActiveSpan setTag(String key, Object value) {
    return setAttribute(ScouterAttributes.TAG_PREFIX + key, value);
  }

  @Override
  public ActiveSpan setInput(Object value) {
    return setInput(value, maxLength);
  }

  @Override
  public ActiveSpan setInput(Object value, int maxLength) {
    return capture(ScouterAttributes.INPUT, value, maxLength);
  }

  @Override
  public ActiveSpan setOutput(Object value) {
    return setOutput(value, maxLength);
  }

  @Override
  public ActiveSpan setOutput(Object value, int maxLength) {
    return capture(ScouterAttributes.OUTPUT, value, maxLength);
  }

  private ActiveSpan capture(String key, Object value, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1, was " + max);
    }
    Span s = span();
    if (s.isRecording()) {
      s.setAttribute(key, CaptureSerializer.toJson(value, max));
    }
    return this;
  }

  @Override
  public ActiveSpan addEvent(String name) {
    span().addEvent(name);
    return this;
  }

  @Override
  public ActiveSpan addEvent(String name, Map<String, ?> attributes) {
    Span s = span();
    if (s.isRecording()) {
      s.addEvent(name, AttributeValues.flatten(attributes, maxLength));
    }
    return this;
  }

  @Override
  public ActiveSpan recordException(Throwable error) {
    span().recordException(error);
    return this;
  }

  @Override
  public ActiveSpan setStatus(StatusCode code, String description) {
    Span s = span();
    if (code == StatusCode.ERROR && description != null) {
      s.setStatus(code, description);
    } else {
      s.setStatus(code);
    }
    return this;
  }

  @Override
  public ActiveSpan updateName(String name) {
    span().updateName(name);
    return this;
  }

  @Override
  public ActiveSpan insertQueueItem(String alias, QueueItem item) {
    Span s = span();
    if (!s.getSpanContext().isSampled()) {
      return this;
    }
    ScouterQueue queue = GlobalQueue.get();
    if (queue == null) {
      String msg = "Scouter: insertQueueItem(\"" + alias + "\", ...) skipped on span " + s.getSpanContext()
          .getSpanId() + ": no ScouterQueue is attached to the tracer (call ScouterTracer.setScouterQueue(queue), "
          + "or add scouter-queue-cdi and set scouter.queue." + alias + ".profile)";
      long now = System.nanoTime();
      long last = NO_QUEUE_WARNED.get();
      boolean warn = (last == Long.MIN_VALUE || now - last > 60_000_000_000L)
          && NO_QUEUE_WARNED.compareAndSet(last, now);
      LOG.log(warn ? Level.WARNING : Level.FINE, msg);
      return this;
    }
    QueueBus bus = queue.get(alias);
    if (!(item instanceof EvalRecord)) {
      bus.insert(item);
      return this;
    }
    EvalRecord record = (EvalRecord) item;
    // inserted with this span current, so the bus stamps this span's trace id even when another span is current
    try (Scope ignored = Context.current().with(s).makeCurrent()) {
      bus.insert(record); // rejects a record for a feature or metric profile
    }
    if (s.isRecording()) {
      s.addEvent(QueueEvent.NAME, Attributes.builder()
          .put(QueueEvent.RECORD, record.uid())
          .put(QueueEvent.ENTITY_TYPE, bus.profile().driftType().entityName())
          .put(QueueEvent.ENTITY, bus.entityUid())
          .build());
    }
    return this;
  }

  @Override
  public String traceId() {
    return span().getSpanContext().getTraceId();
  }

  @Override
  public String spanId() {
    return span().getSpanContext().getSpanId();
  }

  @Override
  public boolean isSampled() {
    return span().getSpanContext().isSampled();
  }

  @Override
  public boolean isRecording() {
    return span().isRecording();
  }

  @Override
  public Span unwrap() {
    return span();
  }

  @Override
  public void end() {
    span().end();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{traceId=" + traceId() + ", spanId=" + spanId() + "}";
  }
}
