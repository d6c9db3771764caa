package io.scouter.tracing;

import java.time.Instant;

/**
 * A baggage row as the Scouter server stores it ({@code scouter.trace_baggage}): one per tag given at span start.
 *
 * <pre>{@code
 * assertEquals(2, exporter.baggage().size());   // tracer.spanBuilder("x").tag("a","1").tag("b","2")
 * }</pre>
 *
 * @param createdAt start of the span
 * @param traceId the trace id
 * @param scope the instrumentation scope
 * @param key e.g. {@code scouter.tracing.tag.env}
 * @param value the value
 */
public record TraceBaggageRecord(Instant createdAt, String traceId, String scope, String key, String value) {}
