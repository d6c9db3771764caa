package io.scouter.tracing;

/**
 * The role of a span, as Scouter and OpenTelemetry define it.
 *
 * <p>On the Scouter wire the kind is the OTLP enum number ({@link #wireValue()}: 1 INTERNAL .. 5 CONSUMER) and the
 * server shows it by name ({@code "SERVER"}).
 *
 * <pre>{@code
 * try (ActiveSpan span = tracer.spanBuilder("handle").kind(SpanKind.SERVER).startAsCurrent()) { ... }
 * }</pre>
 */
public enum SpanKind {
  INTERNAL(io.opentelemetry.api.trace.SpanKind.INTERNAL, 1),
  SERVER(io.opentelemetry.api.trace.SpanKind.SERVER, 2),
  CLIENT(io.opentelemetry.api.trace.SpanKind.CLIENT, 3),
  PRODUCER(io.opentelemetry.api.trace.SpanKind.PRODUCER, 4),
  CONSUMER(io.opentelemetry.api.trace.SpanKind.CONSUMER, 5);

  private final io.opentelemetry.api.trace.SpanKind otel;
  private final int wireValue;

  SpanKind(io.opentelemetry.api.trace.SpanKind otel, int wireValue) {
    this.otel = otel;
    this.wireValue = wireValue;
  }

  /** The OpenTelemetry kind this maps to. */
  public io.opentelemetry.api.trace.SpanKind toOtel() {
    return otel;
  }

  /** The OTLP proto enum number written on the Scouter wire. */
  public int wireValue() {
    return wireValue;
  }

  /** The Scouter kind for an OpenTelemetry kind. */
  public static SpanKind fromOtel(io.opentelemetry.api.trace.SpanKind kind) {
    switch (kind) {
      case SERVER:
        return SERVER;
      case CLIENT:
        return CLIENT;
      case PRODUCER:
        return PRODUCER;
      case CONSUMER:
        return CONSUMER;
      default:
        return INTERNAL;
    }
  }
}
