package io.scouter.tracing.internal.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jackson-generator implementation the wire encoder had until it became a byte writer, kept verbatim as the
 * oracle of {@code ScouterWireEncoderIdentityTest}: the byte writer must produce exactly these bytes.
 *
 * <p>Writes one export batch as the Scouter server's {@code TraceServerRecord}: {@code {"request": <OTLP
 * ExportTraceServiceRequest as opentelemetry-proto serde JSON>}}, in its strict dialect (lowercase hex ids, root
 * {@code parentSpanId ""}, nanosecond times and {@code intValue} as strings, integer kind and status, every AnyValue
 * exactly one key, {@code values} always present). Streaming, no intermediate tree. Not a public API.
 */
final class JacksonReferenceEncoder {
  private static final JsonFactory FACTORY = new JsonFactory();
  static final int FLAG_HAS_IS_REMOTE = 0x100;
  static final int FLAG_IS_REMOTE = 0x200;

  private JacksonReferenceEncoder() {}

  /** Largest buffer kept per thread between messages; bigger ones are dropped after use. */
  static final int MAX_REUSED_BUFFER = 4 * 1024 * 1024;

  /** One growing buffer per exporting thread, so a batch costs one copy of its bytes instead of several. */
  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(() -> new Buffer(64 * 1024));

  /** A {@link ByteArrayOutputStream} whose contents can be copied out and then reused. */
  static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    int capacity() {
      return buf.length;
    }
  }

  /** The message bytes (UTF-8 JSON) of a batch. */
  public static byte[] encode(Collection<SpanData> spans) {
    Buffer out = BUFFERS.get();
    out.reset();
    try {
      write(spans, out);
      return out.toByteArray();
    } finally {
      if (out.capacity() > MAX_REUSED_BUFFER) {
        BUFFERS.remove();
      }
    }
  }

  /** Writes the message of a batch to {@code out}. */
  public static void write(Collection<SpanData> spans, OutputStream out) {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeFieldName("request");
      writeRequest(g, spans);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bare ExportTraceServiceRequest JSON (OTLP/HTTP JSON body). */
  public static byte[] encodeRequest(Collection<SpanData> spans) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + spans.size() * 512);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      writeRequest(g, spans);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeRequest(JsonGenerator g, Collection<SpanData> spans) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("resourceSpans");
    if (!spans.isEmpty()) {
      Map<InstrumentationScopeInfo, List<SpanData>> byScope = new LinkedHashMap<>();
      Resource resource = null;
      for (SpanData s : spans) {
        if (resource == null) {
          resource = s.getResource();
        }
        byScope.computeIfAbsent(s.getInstrumentationScopeInfo(), k -> new ArrayList<>()).add(s);
      }
      g.writeStartObject();
      g.writeObjectFieldStart("resource");
      writeAttributes(g, "attributes", resource.getAttributes());
      g.writeNumberField("droppedAttributesCount", 0);
      g.writeArrayFieldStart("entityRefs");
      g.writeEndArray();
      g.writeEndObject();
      g.writeArrayFieldStart("scopeSpans");
      for (Map.Entry<InstrumentationScopeInfo, List<SpanData>> e : byScope.entrySet()) {
        writeScopeSpans(g, e.getKey(), e.getValue());
      }
      g.writeEndArray();
      g.writeStringField("schemaUrl", resource.getSchemaUrl() == null ? "" : resource.getSchemaUrl());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeScopeSpans(JsonGenerator g, InstrumentationScopeInfo scope, List<SpanData> spans)
      throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("scope");
    g.writeStringField("name", scope.getName());
    g.writeStringField("version", scope.getVersion() == null ? "" : scope.getVersion());
    writeAttributes(g, "attributes", scope.getAttributes());
    g.writeNumberField("droppedAttributesCount", 0);
    g.writeEndObject();
    g.writeArrayFieldStart("spans");
    for (SpanData s : spans) {
      writeSpan(g, s);
    }
    g.writeEndArray();
    g.writeStringField("schemaUrl", scope.getSchemaUrl() == null ? "" : scope.getSchemaUrl());
    g.writeEndObject();
  }

  /** OTLP span flags: sampled bit, HAS_IS_REMOTE, and IS_REMOTE when the parent is remote (257 / 769). */
  static int flags(SpanData s) {
    int flags = (s.getSpanContext().getTraceFlags().asByte() & 0xff) | FLAG_HAS_IS_REMOTE;
    SpanContext parent = s.getParentSpanContext();
    if (parent.isValid() && parent.isRemote()) {
      flags |= FLAG_IS_REMOTE;
    }
    return flags;
  }

  private static void writeSpan(JsonGenerator g, SpanData s) throws IOException {
    g.writeStartObject();
    g.writeStringField("traceId", s.getTraceId());
    g.writeStringField("spanId", s.getSpanId());
    g.writeStringField("traceState", traceState(s.getSpanContext()));
    String parent = s.getParentSpanId();
    g.writeStringField("parentSpanId", SpanId.isValid(parent) ? parent : "");
    g.writeNumberField("flags", flags(s));
    g.writeStringField("name", s.getName());
    g.writeNumberField("kind", io.scouter.tracing.SpanKind.fromOtel(s.getKind()).wireValue());
    g.writeStringField("startTimeUnixNano", Long.toUnsignedString(s.getStartEpochNanos()));
    g.writeStringField("endTimeUnixNano", Long.toUnsignedString(s.getEndEpochNanos()));
    writeAttributes(g, "attributes", s.getAttributes());
    g.writeNumberField("droppedAttributesCount", Math.max(0, s.getTotalAttributeCount() - s.getAttributes().size()));
    g.writeArrayFieldStart("events");
    for (EventData e : s.getEvents()) {
      g.writeStartObject();
      g.writeStringField("timeUnixNano", Long.toUnsignedString(e.getEpochNanos()));
      g.writeStringField("name", e.getName());
      writeAttributes(g, "attributes", e.getAttributes());
      g.writeNumberField("droppedAttributesCount",
          Math.max(0, e.getTotalAttributeCount() - e.getAttributes().size()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("droppedEventsCount", Math.max(0, s.getTotalRecordedEvents() - s.getEvents().size()));
    g.writeArrayFieldStart("links");
    for (LinkData l : s.getLinks()) {
      g.writeStartObject();
      g.writeStringField("traceId", l.getSpanContext().getTraceId());
      g.writeStringField("spanId", l.getSpanContext().getSpanId());
      g.writeStringField("traceState", traceState(l.getSpanContext()));
      writeAttributes(g, "attributes", l.getAttributes());
      g.writeNumberField("droppedAttributesCount",
          Math.max(0, l.getTotalAttributeCount() - l.getAttributes().size()));
      g.writeNumberField("flags", (l.getSpanContext().getTraceFlags().asByte() & 0xff) | FLAG_HAS_IS_REMOTE
          | (l.getSpanContext().isRemote() ? FLAG_IS_REMOTE : 0));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("droppedLinksCount", Math.max(0, s.getTotalRecordedLinks() - s.getLinks().size()));
    g.writeObjectFieldStart("status");
    int code;
    switch (s.getStatus().getStatusCode()) {
      case OK:
        code = 1;
        break;
      case ERROR:
        code = 2;
        break;
      default:
        code = 0;
    }
    g.writeStringField("message", code == 2 ? s.getStatus().getDescription() : "");
    g.writeNumberField("code", code);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static String traceState(SpanContext ctx) {
    if (ctx.getTraceState().isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    ctx.getTraceState().forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(k).append('=').append(v);
    });
    return sb.toString();
  }

  private static void writeAttributes(JsonGenerator g, String field, Attributes attributes) throws IOException {
    g.writeArrayFieldStart(field);
    IOException[] failure = new IOException[1];
    attributes.forEach((AttributeKey<?> k, Object v) -> {
      if (failure[0] != null) {
        return;
      }
      try {
        g.writeStartObject();
        g.writeStringField("key", k.getKey());
        g.writeFieldName("value");
        writeAnyValue(g, v);
        g.writeEndObject();
      } catch (IOException e) {
        failure[0] = e;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    g.writeEndArray();
  }

  private static void writeAnyValue(JsonGenerator g, Object v) throws IOException {
    g.writeStartObject();
    if (v instanceof String) {
      g.writeStringField("stringValue", (String) v);
    } else if (v instanceof Boolean) {
      g.writeBooleanField("boolValue", (Boolean) v);
    } else if (v instanceof Long || v instanceof Integer) {
      g.writeStringField("intValue", Long.toString(((Number) v).longValue()));
    } else if (v instanceof Double) {
      double d = (Double) v;
      if (Double.isFinite(d)) {
        g.writeNumberField("doubleValue", d);
      } else {
        g.writeStringField("stringValue", Double.toString(d));
      }
    } else if (v instanceof List) {
      g.writeObjectFieldStart("arrayValue");
      g.writeArrayFieldStart("values");
      for (Object item : (List<?>) v) {
        writeAnyValue(g, item);
      }
      g.writeEndArray();
      g.writeEndObject();
    } else {
      g.writeStringField("stringValue", String.valueOf(v));
    }
    g.writeEndObject();
  }
}
