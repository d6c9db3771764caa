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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts exported spans into what the Scouter server stores, applying its attribute rules
 * ({@code TraceRecordExt::process_attributes}). Not a public API.
 */
public final class ServerView {

  /** The spans, tags and baggage rows of one exported batch. */
  public record Batch(List<TraceSpanRecord> spans, List<TagRecord> tags, List<TraceBaggageRecord> baggage) {}

  private ServerView() {}

  /** Converts a batch; tags are de-duplicated per batch, as the server does per message. */
  public static Batch convert(Collection<SpanData> batch) {
    List<TraceSpanRecord> spans = new ArrayList<>(batch.size());
    Set<TagRecord> tags = new LinkedHashSet<>();
    List<TraceBaggageRecord> baggage = new ArrayList<>();
    for (SpanData s : batch) {
      spans.add(convert(s, tags, baggage));
    }
    return new Batch(spans, new ArrayList<>(tags), baggage);
  }

  static TraceSpanRecord convert(SpanData s, Set<TagRecord> tags, List<TraceBaggageRecord> baggage) {
    String traceId = s.getTraceId();
    String scope = s.getInstrumentationScopeInfo().getName();
    Instant start = instant(s.getStartEpochNanos());
    Map<String, Object> attributes = new LinkedHashMap<>();
    JsonNode[] io = new JsonNode[2];
    s.getAttributes().forEach((k, v) -> {
      String key = k.getKey();
      Object value = jsonValue(v);
      if (key.startsWith(ScouterAttributes.BAGGAGE_TAG_PREFIX)) {
        String rest = key.substring(ScouterAttributes.BAGGAGE_TAG_PREFIX.length());
        if (rest.isEmpty()) {
          return;
        }
        String str = tagValue(value);
        tags.add(new TagRecord("trace", traceId, rest, str));
        attributes.put(rest, str);
        baggage.add(new TraceBaggageRecord(start, traceId, scope, ScouterAttributes.TAG_PREFIX + rest, str));
      } else if (key.startsWith(ScouterAttributes.TAG_PREFIX)) {
        String rest = key.substring(ScouterAttributes.TAG_PREFIX.length());
        if (rest.isEmpty()) {
          return;
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
          io[0] = parse(value);
        } else if (key.equals(ScouterAttributes.OUTPUT)) {
          io[1] = parse(value);
        }
      }
    });
    List<TraceSpanRecord.SpanEventRecord> events = new ArrayList<>(s.getEvents().size());
    for (EventData e : s.getEvents()) {
      events.add(new TraceSpanRecord.SpanEventRecord(e.getName(), instant(e.getEpochNanos()), toMap(e.getAttributes())));
    }
    List<TraceSpanRecord.SpanLinkRecord> links = new ArrayList<>(s.getLinks().size());
    for (LinkData l : s.getLinks()) {
      links.add(new TraceSpanRecord.SpanLinkRecord(l.getSpanContext().getTraceId(), l.getSpanContext().getSpanId(),
          HeaderCodec.encodeTraceState(l.getSpanContext().getTraceState()), toMap(l.getAttributes())));
    }
    String parent = s.getParentSpanId();
    long durationNanos = s.getEndEpochNanos() - s.getStartEpochNanos();
    Map<String, Object> resource = toMap(s.getResource().getAttributes());
    Object service = resource.get("service.name");
    return new TraceSpanRecord(traceId, s.getSpanId(), SpanId.isValid(parent) ? parent : null, scope, s.getName(),
        SpanKind.fromOtel(s.getKind()).name(), start, instant(s.getEndEpochNanos()),
        durationNanos < 0 ? 0 : durationNanos / 1_000_000, statusCode(s), s.getStatus().getDescription(),
        Collections.unmodifiableMap(attributes), List.copyOf(events), List.copyOf(links), null, io[0], io[1],
        service == null ? "unknown" : service.toString(), Collections.unmodifiableMap(resource));
  }

  private static int statusCode(SpanData s) {
    switch (s.getStatus().getStatusCode()) {
      case OK: return 1;
      case ERROR: return 2;
      default: return 0;
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
    if (value instanceof List) {
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

  static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos);
  }
}
