package io.scouter.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A span as the Scouter server stores it: kind by name, parent {@code null} for roots, tag prefixes stripped from
 * attribute keys, and input/output parsed back to JSON. Returned by local capture and by the testkit.
 *
 * <pre>{@code
 * List<TraceSpanRecord> spans = ScouterTracing.drainLocalSpans();
 * assertEquals("SERVER", spans.get(0).spanKind());
 * assertEquals("success", spans.get(0).output().get("message").asText());
 * }</pre>
 *
 * @param traceId 32 lowercase hex characters
 * @param spanId 16 lowercase hex characters
 * @param parentSpanId the parent's span id, {@code null} for a root
 * @param scope the instrumentation scope (tracer name)
 * @param spanName the span name
 * @param spanKind {@code "INTERNAL"}, {@code "SERVER"}, {@code "CLIENT"}, {@code "PRODUCER"} or {@code "CONSUMER"}
 * @param startTime start of the span
 * @param endTime end of the span
 * @param durationMs duration in milliseconds, 0 if the end precedes the start
 * @param statusCode 0 unset, 1 ok, 2 error
 * @param statusMessage the error description, {@code ""} otherwise
 * @param attributes attributes after the server's prefix rules, values as JSON-like Java values
 * @param events the span events
 * @param links the span links
 * @param label always {@code null}: the server keeps the label only as an attribute
 * @param input the captured input, or {@code null}
 * @param output the captured output, or {@code null}
 * @param serviceName the resource's {@code service.name}, {@code "unknown"} if missing
 * @param resourceAttributes resource attributes
 */
public record TraceSpanRecord(
    String traceId,
    String spanId,
    String parentSpanId,
    String scope,
    String spanName,
    String spanKind,
    Instant startTime,
    Instant endTime,
    long durationMs,
    int statusCode,
    String statusMessage,
    Map<String, Object> attributes,
    List<SpanEventRecord> events,
    List<SpanLinkRecord> links,
    String label,
    JsonNode input,
    JsonNode output,
    String serviceName,
    Map<String, Object> resourceAttributes) {

  /** The attribute, or {@code null}. */
  public Object attribute(String key) {
    return attributes.get(key);
  }

  /** The first event with that name, or {@code null}. */
  public SpanEventRecord event(String name) {
    return events.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
  }

  /** A span event. @param name event name @param time event time @param attributes flattened attributes */
  public record SpanEventRecord(String name, Instant time, Map<String, Object> attributes) {}

  /** A span link. @param traceId linked trace @param spanId linked span @param attributes link attributes */
  public record SpanLinkRecord(String traceId, String spanId, String traceState, Map<String, Object> attributes) {}
}
