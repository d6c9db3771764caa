package io.scouter.tracing.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * A tracer of a runtime's SDK (runtime SDK mode) whose spans get what {@link StartAttributesProcessor} gives spans of
 * our own SDK: the tag attributes carried as baggage and {@code scouter.tracing.start_time}. Only methods of the
 * OpenTelemetry API that every supported runtime has (1.29+, Payara 6's) are used. Not a public API.
 */
public final class RuntimeTracer implements Tracer {
  private static final StartAttributesProcessor ENRICHER = new StartAttributesProcessor();
  private final Tracer delegate;

  public RuntimeTracer(Tracer delegate) {
    this.delegate = delegate;
  }

  @Override
  public SpanBuilder spanBuilder(String spanName) {
    return new Builder(delegate.spanBuilder(spanName));
  }

  private static final class Builder implements SpanBuilder {
    private final SpanBuilder delegate;
    private Context parent;
    private boolean noParent;

    Builder(SpanBuilder delegate) {
      this.delegate = delegate;
    }

    @Override
    public SpanBuilder setParent(Context context) {
      if (context != null) {
        parent = context;
        noParent = false;
      }
      delegate.setParent(context);
      return this;
    }

    @Override
    public SpanBuilder setNoParent() {
      noParent = true;
      parent = null;
      delegate.setNoParent();
      return this;
    }

    @Override
    public SpanBuilder addLink(SpanContext spanContext) {
      delegate.addLink(spanContext);
      return this;
    }

    @Override
    public SpanBuilder addLink(SpanContext spanContext, io.opentelemetry.api.common.Attributes attributes) {
      delegate.addLink(spanContext, attributes);
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, String value) {
      delegate.setAttribute(key, value);
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, long value) {
      delegate.setAttribute(key, value);
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, double value) {
      delegate.setAttribute(key, value);
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, boolean value) {
      delegate.setAttribute(key, value);
      return this;
    }

    @Override
    public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
      delegate.setAttribute(key, value);
      return this;
    }

    @Override
    public SpanBuilder setSpanKind(SpanKind spanKind) {
      delegate.setSpanKind(spanKind);
      return this;
    }

    @Override
    public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
      delegate.setStartTimestamp(startTimestamp, unit);
      return this;
    }

    @Override
    public Span startSpan() {
      Span span = delegate.startSpan();
      if (span.isRecording()) {
        ENRICHER.enrich(noParent ? Context.root() : parent != null ? parent : Context.current(), span);
      }
      return span;
    }
  }
}
