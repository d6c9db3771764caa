package io.scouter.tracing.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.internal.capture.CaptureSerializer;
import java.util.Map;

/** Scouter's span helpers over an OpenTelemetry span. Not a public API. */
public abstract class AbstractActiveSpan implements ActiveSpan {
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

  /** Records {@code error} as one {@code exception} event and sets status ERROR {@code "<Type>: <message>"}. */
  public static void recordError(Span span, Throwable error) {
    if (!span.isRecording()) {
      return;
    }
    span.recordException(error);
    span.setStatus(StatusCode.ERROR, CaptureSerializer.typeName(error) + ": " + error.getMessage());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{traceId=" + traceId() + ", spanId=" + spanId() + "}";
  }
}
