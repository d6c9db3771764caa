package io.scouter.tracing;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.scouter.tracing.internal.SpanErrors;
import io.scouter.tracing.internal.AttributeValues;
import io.scouter.tracing.internal.HeaderCodec;
import io.scouter.tracing.internal.OwnedSpan;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Starts a span with Scouter's options. Obtain one from {@link ScouterTracer#spanBuilder(String)}.
 *
 * <pre>{@code
 * try (ActiveSpan span = tracer.spanBuilder("service_b_handler")
 *     .kind(SpanKind.SERVER).label("api").tag("env", "prod")
 *     .headers(incomingHeaders)                 // or .remoteParent(traceId, spanId, sampled)
 *     .startAsCurrent()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Parent resolution: a valid parent in {@link #headers} wins, then {@link #remoteParent}, then the current span,
 * otherwise the span is a root. Invalid ids never throw: they are ignored and a debug line says so.
 */
public final class ScouterSpanBuilder {
  private static final Logger LOG = Logger.getLogger(ScouterSpanBuilder.class.getName());

  private final Tracer tracer;
  private final String name;
  private final int maxLength;
  private SpanKind kind = SpanKind.INTERNAL;
  private String label;
  private Map<String, String> tags;
  private AttributesBuilder attributes;
  private RemoteParent remoteParent;
  private Map<String, ?> headers;
  private Context parent;

  ScouterSpanBuilder(Tracer tracer, String name, int maxLength) {
    this.tracer = tracer;
    this.name = Objects.requireNonNull(name, "name");
    this.maxLength = maxLength;
  }

  public ScouterSpanBuilder kind(SpanKind kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
    return this;
  }

  /** Written as {@code scouter.tracing.label}. */
  public ScouterSpanBuilder label(String label) {
    this.label = label;
    return this;
  }

  /**
   * A tag written as {@code baggage.scouter.tracing.tag.<key>} on this span and on every child started while it is
   * current (it travels as baggage); the server stores it as a tag and a baggage row.
   */
  public ScouterSpanBuilder tag(String key, String value) {
    Objects.requireNonNull(key, "key");
    if (tags == null) {
      tags = new LinkedHashMap<>();
    }
    tags.put(key, value == null ? "null" : value);
    return this;
  }

  /** An attribute set before the span starts (visible to samplers); converted as {@link ActiveSpan#setAttribute}. */
  public ScouterSpanBuilder attribute(String key, Object value) {
    if (attributes == null) {
      attributes = Attributes.builder();
    }
    AttributeValues.put(attributes, key, value, maxLength);
    return this;
  }

  /** Parent in another process, as Scouter's legacy headers carry it. Invalid ids are ignored. */
  public ScouterSpanBuilder remoteParent(String traceId, String spanId, boolean sampled) {
    if (traceId == null || spanId == null) {
      return this;
    }
    String t = traceId.trim().toLowerCase(Locale.ROOT);
    String s = spanId.trim().toLowerCase(Locale.ROOT);
    if (TraceId.isValid(t) && SpanId.isValid(s)) {
      this.remoteParent = new RemoteParent(t, s, sampled, "");
    } else {
      LOG.fine("Scouter: ignoring invalid remote parent ids; starting a new trace");
    }
    return this;
  }

  /** Parent in another process. */
  public ScouterSpanBuilder remoteParent(RemoteParent parent) {
    this.remoteParent = parent;
    return this;
  }

  /** Incoming propagation headers (W3C first, then legacy); they win over {@link #remoteParent}. */
  public ScouterSpanBuilder headers(Map<String, ?> headers) {
    this.headers = headers;
    return this;
  }

  /** An explicit parent context instead of the current one (e.g. captured on another thread). */
  public ScouterSpanBuilder parent(Context parent) {
    this.parent = parent;
    return this;
  }

  /** The context the span will be started in: parent resolution and tags as baggage. */
  Context parentContext() {
    Context ctx = parent != null ? parent : Context.current();
    RemoteParent rp = headers != null ? HeaderCodec.extract(headers).orElse(null) : null;
    if (rp == null) {
      rp = remoteParent;
    }
    if (rp != null) {
      SpanContext remote = HeaderCodec.toSpanContext(rp);
      if (remote.isValid()) {
        ctx = ctx.with(Span.wrap(remote));
      } else {
        LOG.fine("Scouter: ignoring invalid remote parent ids");
      }
    }
    if (tags != null) {
      BaggageBuilder bb = Baggage.fromContext(ctx).toBuilder();
      tags.forEach((k, v) -> bb.put(ScouterAttributes.TAG_PREFIX + k, v));
      ctx = ctx.with(bb.build());
    }
    return ctx;
  }

  /** Starts the span, makes it current and returns a handle whose {@code close()} ends it and restores the context. */
  public ActiveSpan startAsCurrent() {
    Context ctx = parentContext();
    Span span = startIn(ctx);
    return new OwnedSpan(span, ctx.with(span).makeCurrent(), maxLength);
  }

  /**
   * Starts the span as current, runs {@code body} and ends the span. An exception escaping {@code body} is recorded as
   * {@code @Traced} records it (status ERROR {@code "<Type>: <message>"}, one {@code exception} event) and rethrown
   * unchanged. Unlike try-with-resources, which cannot see the exception, this is the form that keeps errors visible.
   *
   * <pre>{@code
   * Reply reply = tracer.spanBuilder("handle").kind(SpanKind.SERVER).headers(incoming).call(span -> {
   *   span.setInput(request);
   *   return service.handle(request);
   * });
   * }</pre>
   */
  public <T, E extends Throwable> T call(SpanCallable<T, E> body) throws E {
    Objects.requireNonNull(body, "body");
    ActiveSpan span = startAsCurrent();
    try {
      return body.call(span);
    } catch (Throwable error) {
      SpanErrors.record(span.unwrap(), error);
      throw error;
    } finally {
      span.close();
    }
  }

  /** As {@link #call(SpanCallable)}, for code that returns nothing. */
  public <E extends Throwable> void run(SpanRunnable<E> body) throws E {
    Objects.requireNonNull(body, "body");
    call(span -> {
      body.run(span);
      return null;
    });
  }

  /** Starts the span without making it current; end it with {@link ActiveSpan#end()} or {@code close()}. */
  public ActiveSpan start() {
    return new OwnedSpan(startIn(parentContext()), null, maxLength);
  }

  private Span startIn(Context ctx) {
    SpanBuilder sb = tracer.spanBuilder(name).setParent(ctx).setSpanKind(kind.toOtel());
    if (attributes != null) {
      sb.setAllAttributes(attributes.build());
    }
    if (label != null) {
      sb.setAttribute(ScouterAttributes.LABEL, label);
    }
    return sb.startSpan();
  }
}
