package io.scouter.tracing.internal.wire;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.scouter.tracing.SpanKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes one export batch as the Scouter server's {@code TraceServerRecord}: {@code {"request": <OTLP
 * ExportTraceServiceRequest as opentelemetry-proto serde JSON>}}, in its strict dialect (lowercase hex ids, root
 * {@code parentSpanId ""}, nanosecond times and {@code intValue} as strings, integer kind and status, every AnyValue
 * exactly one key, {@code values} always present). Streaming, no intermediate tree: the field names are precomputed
 * bytes, strings and numbers are written straight into one reused byte buffer per exporting thread ({@link JsonBytes},
 * whose escaping is Jackson's), so a batch costs one copy of its bytes. Not a public API.
 */
public final class ScouterWireEncoder {
  static final int FLAG_HAS_IS_REMOTE = 0x100;
  static final int FLAG_IS_REMOTE = 0x200;

  /** Largest buffer kept per thread between messages; bigger ones are dropped after use. */
  static final int MAX_REUSED_BUFFER = 4 * 1024 * 1024;

  private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);

  private static final byte[] MESSAGE_START = JsonBytes.ascii("{\"request\":");
  private static final byte[] REQUEST_START = JsonBytes.ascii("{\"resourceSpans\":[");
  private static final byte[] REQUEST_END = JsonBytes.ascii("]}");
  private static final byte[] RESOURCE_START = JsonBytes.ascii("{\"resource\":{\"attributes\":[");
  private static final byte[] RESOURCE_END =
      JsonBytes.ascii("],\"droppedAttributesCount\":0,\"entityRefs\":[]},\"scopeSpans\":[");
  private static final byte[] SCHEMA_URL = JsonBytes.ascii("],\"schemaUrl\":");
  private static final byte[] SCOPE_NAME = JsonBytes.ascii("{\"scope\":{\"name\":");
  private static final byte[] SCOPE_VERSION = JsonBytes.ascii(",\"version\":");
  private static final byte[] ATTRIBUTES = JsonBytes.ascii(",\"attributes\":[");
  private static final byte[] SCOPE_END = JsonBytes.ascii("],\"droppedAttributesCount\":0},\"spans\":[");
  private static final byte[] SPAN_TRACE_ID = JsonBytes.ascii("{\"traceId\":");
  private static final byte[] SPAN_ID = JsonBytes.ascii(",\"spanId\":");
  private static final byte[] TRACE_STATE = JsonBytes.ascii(",\"traceState\":");
  private static final byte[] PARENT_SPAN_ID = JsonBytes.ascii(",\"parentSpanId\":");
  private static final byte[] EMPTY_STRING_FLAGS = JsonBytes.ascii(",\"parentSpanId\":\"\",\"flags\":");
  private static final byte[] FLAGS = JsonBytes.ascii(",\"flags\":");
  private static final byte[] NAME = JsonBytes.ascii(",\"name\":");
  private static final byte[] KIND = JsonBytes.ascii(",\"kind\":");
  private static final byte[] START_TIME = JsonBytes.ascii(",\"startTimeUnixNano\":");
  private static final byte[] END_TIME = JsonBytes.ascii(",\"endTimeUnixNano\":");
  private static final byte[] DROPPED_ATTRIBUTES = JsonBytes.ascii("],\"droppedAttributesCount\":");
  private static final byte[] EVENTS = JsonBytes.ascii(",\"events\":[");
  private static final byte[] DROPPED_EVENTS = JsonBytes.ascii("],\"droppedEventsCount\":");
  private static final byte[] LINKS = JsonBytes.ascii(",\"links\":[");
  private static final byte[] DROPPED_LINKS = JsonBytes.ascii("],\"droppedLinksCount\":");
  private static final byte[] STATUS_MESSAGE = JsonBytes.ascii(",\"status\":{\"message\":");
  private static final byte[] STATUS_UNSET = JsonBytes.ascii(",\"status\":{\"message\":\"\",\"code\":0}}");
  private static final byte[] STATUS_OK = JsonBytes.ascii(",\"status\":{\"message\":\"\",\"code\":1}}");
  private static final byte[] CODE_ERROR = JsonBytes.ascii(",\"code\":2}}");
  private static final byte[] EVENT_TIME = JsonBytes.ascii("{\"timeUnixNano\":");
  private static final byte[] KEY = JsonBytes.ascii("{\"key\":");
  private static final byte[] VALUE = JsonBytes.ascii(",\"value\":");
  private static final byte[] STRING_VALUE = JsonBytes.ascii("{\"stringValue\":");
  private static final byte[] BOOL_VALUE = JsonBytes.ascii("{\"boolValue\":");
  private static final byte[] INT_VALUE = JsonBytes.ascii("{\"intValue\":");
  private static final byte[] DOUBLE_VALUE = JsonBytes.ascii("{\"doubleValue\":");
  private static final byte[] ARRAY_VALUE = JsonBytes.ascii("{\"arrayValue\":{\"values\":[");
  private static final byte[] ARRAY_VALUE_END = JsonBytes.ascii("]}}");
  private static final byte[] EMPTY_STRING = JsonBytes.ascii("\"\"");

  private ScouterWireEncoder() {}

  /** The message bytes (UTF-8 JSON) of a batch. */
  public static byte[] encode(Collection<SpanData> spans) {
    Writer w = WRITERS.get();
    try {
      w.reset();
      w.raw(MESSAGE_START);
      w.request(spans);
      w.raw((byte) '}');
      return w.toByteArray();
    } finally {
      release(w);
    }
  }

  /** Writes the message of a batch to {@code out}. */
  public static void write(Collection<SpanData> spans, OutputStream out) {
    try {
      out.write(encode(spans));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bare ExportTraceServiceRequest JSON (OTLP/HTTP JSON body). */
  public static byte[] encodeRequest(Collection<SpanData> spans) {
    Writer w = WRITERS.get();
    try {
      w.reset();
      w.request(spans);
      return w.toByteArray();
    } finally {
      release(w);
    }
  }

  private static void release(Writer w) {
    if (w.buf.length > MAX_REUSED_BUFFER) {
      WRITERS.remove();
    }
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

  /** The buffer of one thread, also the attribute visitor (no lambda per attribute set). */
  private static final class Writer extends JsonBytes implements BiConsumer<AttributeKey<?>, Object> {
    /** Attributes written so far in the current list, for the separating commas. */
    private int written;

    Writer() {
      super(64 * 1024);
    }

    void request(Collection<SpanData> spans) {
      raw(REQUEST_START);
      if (!spans.isEmpty()) {
        Resource resource = null;
        InstrumentationScopeInfo onlyScope = null;
        boolean oneScope = true;
        for (SpanData s : spans) {
          InstrumentationScopeInfo scope = s.getInstrumentationScopeInfo();
          if (resource == null) {
            resource = s.getResource();
            onlyScope = scope;
          } else if (scope != onlyScope && !scope.equals(onlyScope)) {
            oneScope = false;
            break;
          }
        }
        raw(RESOURCE_START);
        attributes(resource.getAttributes());
        raw(RESOURCE_END);
        if (oneScope) {
          scopeSpans(onlyScope, spans);
        } else {
          Map<InstrumentationScopeInfo, List<SpanData>> byScope = new LinkedHashMap<>();
          for (SpanData s : spans) {
            byScope.computeIfAbsent(s.getInstrumentationScopeInfo(), k -> new ArrayList<>()).add(s);
          }
          boolean first = true;
          for (Map.Entry<InstrumentationScopeInfo, List<SpanData>> e : byScope.entrySet()) {
            if (!first) {
              raw((byte) ',');
            }
            first = false;
            scopeSpans(e.getKey(), e.getValue());
          }
        }
        raw(SCHEMA_URL);
        stringOrEmpty(resource.getSchemaUrl());
        raw((byte) '}');
      }
      raw(REQUEST_END);
    }

    private void stringOrEmpty(String s) {
      if (s == null) {
        raw(EMPTY_STRING);
      } else {
        string(s);
      }
    }

    private void scopeSpans(InstrumentationScopeInfo scope, Collection<SpanData> spans) {
      raw(SCOPE_NAME);
      cachedString(scope.getName());
      raw(SCOPE_VERSION);
      stringOrEmpty(scope.getVersion());
      raw(ATTRIBUTES);
      attributes(scope.getAttributes());
      raw(SCOPE_END);
      boolean first = true;
      for (SpanData s : spans) {
        if (!first) {
          raw((byte) ',');
        }
        first = false;
        span(s);
      }
      raw(SCHEMA_URL);
      stringOrEmpty(scope.getSchemaUrl());
      raw((byte) '}');
    }

    private void span(SpanData s) {
      SpanContext ctx = s.getSpanContext();
      raw(SPAN_TRACE_ID);
      ids(ctx);
      raw(TRACE_STATE);
      traceState(ctx);
      String parent = s.getParentSpanId();
      if (SpanId.isValid(parent)) {
        raw(PARENT_SPAN_ID);
        plainAscii(parent); // validated lower-case hex
        raw(FLAGS);
      } else {
        raw(EMPTY_STRING_FLAGS);
      }
      number(flags(s));
      raw(NAME);
      cachedString(s.getName());
      raw(KIND);
      number(SpanKind.fromOtel(s.getKind()).wireValue());
      raw(START_TIME);
      quotedUnsigned(s.getStartEpochNanos());
      raw(END_TIME);
      quotedUnsigned(s.getEndEpochNanos());
      Attributes attributes = s.getAttributes();
      raw(ATTRIBUTES);
      attributes(attributes);
      raw(DROPPED_ATTRIBUTES);
      number(Math.max(0, s.getTotalAttributeCount() - attributes.size()));
      List<EventData> events = s.getEvents();
      raw(EVENTS);
      for (int i = 0, n = events.size(); i < n; i++) {
        if (i > 0) {
          raw((byte) ',');
        }
        EventData e = events.get(i);
        raw(EVENT_TIME);
        quotedUnsigned(e.getEpochNanos());
        raw(NAME);
        cachedString(e.getName());
        raw(ATTRIBUTES);
        attributes(e.getAttributes());
        raw(DROPPED_ATTRIBUTES);
        number(Math.max(0, e.getTotalAttributeCount() - e.getAttributes().size()));
        raw((byte) '}');
      }
      raw(DROPPED_EVENTS);
      number(Math.max(0, s.getTotalRecordedEvents() - events.size()));
      List<LinkData> links = s.getLinks();
      raw(LINKS);
      for (int i = 0, n = links.size(); i < n; i++) {
        if (i > 0) {
          raw((byte) ',');
        }
        LinkData l = links.get(i);
        SpanContext lc = l.getSpanContext();
        raw(SPAN_TRACE_ID);
        ids(lc);
        raw(TRACE_STATE);
        traceState(lc);
        raw(ATTRIBUTES);
        attributes(l.getAttributes());
        raw(DROPPED_ATTRIBUTES);
        number(Math.max(0, l.getTotalAttributeCount() - l.getAttributes().size()));
        raw(FLAGS);
        number((lc.getTraceFlags().asByte() & 0xff) | FLAG_HAS_IS_REMOTE | (lc.isRemote() ? FLAG_IS_REMOTE : 0));
        raw((byte) '}');
      }
      raw(DROPPED_LINKS);
      number(Math.max(0, s.getTotalRecordedLinks() - links.size()));
      switch (s.getStatus().getStatusCode()) {
        case OK:
          raw(STATUS_OK);
          break;
        case ERROR:
          raw(STATUS_MESSAGE);
          string(s.getStatus().getDescription());
          raw(CODE_ERROR);
          break;
        default:
          raw(STATUS_UNSET);
      }
    }

    /** {@code "<traceId>","spanId":"<spanId>"}; a valid context's ids are lower-case hex, copied without escaping. */
    private void ids(SpanContext ctx) {
      String traceId = ctx.getTraceId();
      String spanId = ctx.getSpanId();
      if (ctx.isValid() && traceId.length() == 32 && spanId.length() == 16) {
        plainAscii(traceId);
        raw(SPAN_ID);
        plainAscii(spanId);
      } else {
        string(traceId);
        raw(SPAN_ID);
        string(spanId);
      }
    }

    private void traceState(SpanContext ctx) {
      if (ctx.getTraceState().isEmpty()) {
        raw(EMPTY_STRING);
        return;
      }
      StringBuilder sb = new StringBuilder();
      ctx.getTraceState().forEach((k, v) -> {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(k).append('=').append(v);
      });
      string(sb.toString());
    }

    /** The elements of an attribute list (the brackets are the caller's). */
    private void attributes(Attributes attributes) {
      written = 0;
      attributes.forEach(this);
    }

    @Override
    public void accept(AttributeKey<?> k, Object v) {
      if (written++ > 0) {
        raw((byte) ',');
      }
      raw(KEY);
      cachedString(k.getKey());
      raw(VALUE);
      anyValue(v);
      raw((byte) '}');
    }

    private void anyValue(Object v) {
      if (v instanceof String) {
        raw(STRING_VALUE);
        string((String) v);
      } else if (v instanceof Boolean) {
        raw(BOOL_VALUE);
        bool((Boolean) v);
      } else if (v instanceof Long || v instanceof Integer) {
        raw(INT_VALUE);
        raw((byte) '"');
        number(((Number) v).longValue());
        raw((byte) '"');
      } else if (v instanceof Double) {
        double d = (Double) v;
        if (Double.isFinite(d)) {
          raw(DOUBLE_VALUE);
          rawAscii(Double.toString(d));
        } else {
          raw(STRING_VALUE);
          string(Double.toString(d));
        }
      } else if (v instanceof List) {
        raw(ARRAY_VALUE);
        boolean first = true;
        for (Object item : (List<?>) v) {
          if (!first) {
            raw((byte) ',');
          }
          first = false;
          anyValue(item);
        }
        raw(ARRAY_VALUE_END);
        return;
      } else {
        raw(STRING_VALUE);
        string(String.valueOf(v));
      }
      raw((byte) '}');
    }
  }
}
