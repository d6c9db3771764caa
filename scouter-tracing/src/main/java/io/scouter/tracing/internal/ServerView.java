package io.scouter.tracing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.SpanKind;
import io.scouter.tracing.TagRecord;
import io.scouter.tracing.TraceBaggageRecord;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.internal.capture.CaptureSerializer;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns spans into what the Scouter server stores, applying its attribute rules
 * ({@code TraceRecordExt::process_attributes}). The same rules serve exported {@link SpanData} and spans decoded from
 * the wire. Not a public API.
 */
public final class ServerView {

  /** The spans, tags and baggage rows of one exported batch (one message). */
  public record Batch(List<TraceSpanRecord> spans, List<TagRecord> tags, List<TraceBaggageRecord> baggage) {}

  /**
   * A span in wire terms, before the server's rules: attributes in order (duplicates kept), values as JSON-like Java
   * values (String, Long, Double, Boolean, List, Map).
   */
  public record RawSpan(String traceId, String spanId, String parentSpanId, String scope, String name, int kind,
      long startNanos, long endNanos, List<Map.Entry<String, Object>> attributes,
      List<TraceSpanRecord.SpanEventRecord> events, List<TraceSpanRecord.SpanLinkRecord> links, int statusCode,
      String statusMessage,
      Map<String, Object> resource) {}

  private ServerView() {}

  /** Converts an exported batch; tags are de-duplicated per batch, as the server does per message. */
  public static Batch convert(Collection<SpanData> batch) {
    List<RawSpan> raw = new ArrayList<>(batch.size());
    for (SpanData s : batch) {
      raw.add(raw(s));
    }
    return fromRaw(raw);
  }

  /** Applies the server's rules to spans of one message. */
  public static Batch fromRaw(List<RawSpan> spans) {
    List<TraceSpanRecord> out = new ArrayList<>(spans.size());
    Set<TagRecord> tags = new LinkedHashSet<>();
    List<TraceBaggageRecord> baggage = new ArrayList<>();
    for (RawSpan s : spans) {
      out.add(convert(s, tags, baggage));
    }
    return new Batch(out, new ArrayList<>(tags), baggage);
  }

  static RawSpan raw(SpanData s) {
    List<Map.Entry<String, Object>> attributes = new ArrayList<>(s.getAttributes().size());
    s.getAttributes().forEach((k, v) -> attributes.add(new AbstractMap.SimpleImmutableEntry<>(k.getKey(),
        jsonValue(v))));
    List<TraceSpanRecord.SpanEventRecord> events = new ArrayList<>(s.getEvents().size());
    for (EventData e : s.getEvents()) {
      events
          .add(new TraceSpanRecord.SpanEventRecord(e.getName(), instant(e.getEpochNanos()), toMap(e.getAttributes())));
    }
    List<TraceSpanRecord.SpanLinkRecord> links = new ArrayList<>(s.getLinks().size());
    for (LinkData l : s.getLinks()) {
      links.add(new TraceSpanRecord.SpanLinkRecord(l.getSpanContext().getTraceId(), l.getSpanContext().getSpanId(),
          HeaderCodec.encodeTraceState(l.getSpanContext().getTraceState()), toMap(l.getAttributes())));
    }
    String parent = s.getParentSpanId();
    int status;
    switch (s.getStatus().getStatusCode()) {
      case OK:
        status = 1;
        break;
      case ERROR:
        status = 2;
        break;
      default:
        status = 0;
    }
    return new RawSpan(s.getTraceId(), s.getSpanId(), SpanId.isValid(parent) ? parent : null,
        s.getInstrumentationScopeInfo().getName(), s.getName(), SpanKind.fromOtel(s.getKind()).wireValue(),
        s.getStartEpochNanos(), s.getEndEpochNanos(), attributes, events, links, status,
        status == 2 ? s.getStatus().getDescription() : "", toMap(s.getResource().getAttributes()));
  }

  static TraceSpanRecord convert(RawSpan s, Set<TagRecord> tags, List<TraceBaggageRecord> baggage) {
    String traceId = s.traceId();
    String scope = s.scope();
    Instant start = instant(s.startNanos());
    Map<String, Object> attributes = new LinkedHashMap<>();
    JsonNode input = null;
    JsonNode output = null;
    for (Map.Entry<String, Object> a : s.attributes()) {
      String key = a.getKey();
      Object value = a.getValue();
      if (key.startsWith(ScouterAttributes.BAGGAGE_TAG_PREFIX)) {
        String rest = key.substring(ScouterAttributes.BAGGAGE_TAG_PREFIX.length());
        if (rest.isEmpty()) {
          continue;
        }
        String str = tagValue(value);
        tags.add(new TagRecord("trace", traceId, rest, str));
        attributes.put(rest, str);
        baggage.add(new TraceBaggageRecord(start, traceId, scope, ScouterAttributes.TAG_PREFIX + rest, str));
      } else if (key.startsWith(ScouterAttributes.TAG_PREFIX)) {
        String rest = key.substring(ScouterAttributes.TAG_PREFIX.length());
        if (rest.isEmpty()) {
          continue;
        }
        String str = tagValue(value);
        tags.add(new TagRecord("trace", traceId, rest, str));
        attributes.put(rest, str);
      } else if (key.startsWith(ScouterAttributes.BAGGAGE_PREFIX)) {
        String rest = key.substring(ScouterAttributes.BAGGAGE_PREFIX.length());
        if (!rest.isEmpty()) {
          baggage.add(new TraceBaggageRecord(start, traceId, scope, rest, tagValue(value)));
        }
      } else {
        attributes.put(key, value);
        if (key.equals(ScouterAttributes.INPUT)) {
          input = parse(value);
        } else if (key.equals(ScouterAttributes.OUTPUT)) {
          output = parse(value);
        }
      }
    }
    long durationNanos = s.endNanos() - s.startNanos();
    Object service = s.resource().get("service.name");
    return new TraceSpanRecord(traceId, s.spanId(), s.parentSpanId(), scope, s.name(), kindName(s.kind()), start,
        instant(s.endNanos()), durationNanos < 0 ? 0 : durationNanos / 1_000_000, s.statusCode(),
        s.statusMessage() == null ? "" : s.statusMessage(), Collections.unmodifiableMap(attributes),
        List.copyOf(s.events()), List.copyOf(s.links()), null, input, output,
        service == null ? "unknown" : service.toString(), Collections.unmodifiableMap(s.resource()));
  }

  /** The server's kind name for the OTLP enum number. */
  public static String kindName(int kind) {
    switch (kind) {
      case 1:
        return "INTERNAL";
      case 2:
        return "SERVER";
      case 3:
        return "CLIENT";
      case 4:
        return "PRODUCER";
      case 5:
        return "CONSUMER";
      default:
        return "UNSPECIFIED";
    }
  }

  private static JsonNode parse(Object value) {
    String s = String.valueOf(value);
    try {
      return CaptureSerializer.mapper().readTree(s);
    } catch (Exception e) {
      return TextNode.valueOf(s);
    }
  }

  static String tagValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof List || value instanceof Map) {
      try {
        return CaptureSerializer.mapper().writeValueAsString(value);
      } catch (Exception e) {
        return value.toString();
      }
    }
    return value.toString();
  }

  private static Object jsonValue(Object v) {
    return v instanceof List ? List.copyOf((List<?>) v) : v;
  }

  static Map<String, Object> toMap(Attributes attributes) {
    Map<String, Object> m = new LinkedHashMap<>();
    attributes.forEach((AttributeKey<?> k, Object v) -> m.put(k.getKey(), jsonValue(v)));
    return Collections.unmodifiableMap(m);
  }

  /** Epoch nanoseconds as an instant. */
  public static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos);
  }
}
