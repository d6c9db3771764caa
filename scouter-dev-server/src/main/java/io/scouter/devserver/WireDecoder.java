package io.scouter.devserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scouter.tracing.TagRecord;
import io.scouter.tracing.TraceBaggageRecord;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.internal.ServerView;
import java.io.IOException;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes a Scouter message the way the server does: the untagged {@code MessageRecord} (queue records, a trace
 * batch, or a bare tag), with the strict rules of opentelemetry-proto's serde JSON (ids as 16/8-byte hex, nanosecond
 * times as strings, integer kind and status, AnyValue with exactly one known key, {@code values} required), then the
 * server's attribute rules for tags and baggage.
 *
 * <pre>{@code
 * WireDecoder.Message m = WireDecoder.decode(messageBytes);
 * assertEquals("SERVER", m.spans().get(0).spanKind());
 * }</pre>
 */
public final class WireDecoder {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final BigInteger U64_MAX = new BigInteger("18446744073709551615");

  /** What kind of {@code MessageRecord} a message was. */
  public enum Kind { RECORDS, TRACE, TAG }

  /**
   * A decoded message.
   *
   * @param kind the variant
   * @param spans the spans of a trace message, as the server stores them (empty otherwise)
   * @param tags the tag rows of a trace message (empty otherwise)
   * @param baggage the baggage rows of a trace message (empty otherwise)
   * @param records the {@code records} array of a queue message, or the tag object ({@code null} for traces)
   */
  public record Message(Kind kind, List<TraceSpanRecord> spans, List<TagRecord> tags, List<TraceBaggageRecord> baggage,
      JsonNode records) {
    static Message of(Kind kind, ServerView.Batch batch, JsonNode records) {
      return new Message(kind, batch.spans(), batch.tags(), batch.baggage(), records);
    }
  }

  private WireDecoder() {}

  /** Decodes one message. @throws WireFormatException with the server's reason when it would be rejected */
  public static Message decode(byte[] message) throws WireFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(message);
    } catch (JsonProcessingException e) {
      throw new WireFormatException("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new WireFormatException("unreadable message: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new WireFormatException("data did not match any variant of untagged enum MessageRecord");
    }
    if (root.has("records")) {
      JsonNode records = root.get("records");
      if (!records.isArray()) {
        throw new WireFormatException("records: expected a sequence");
      }
      return Message.of(Kind.RECORDS, empty(), records);
    }
    if (root.has("request")) {
      return Message.of(Kind.TRACE, ServerView.fromRaw(request(root.get("request"))), null);
    }
    if (root.has("entity_type") && root.has("entity_id") && root.has("key") && root.has("value")) {
      return Message.of(Kind.TAG, empty(), root);
    }
    throw new WireFormatException("data did not match any variant of untagged enum MessageRecord");
  }

  private static ServerView.Batch empty() {
    return new ServerView.Batch(List.of(), List.of(), List.of());
  }

  private static List<ServerView.RawSpan> request(JsonNode request) throws WireFormatException {
    object(request, "request");
    JsonNode rs = request.get("resourceSpans");
    if (rs == null) {
      throw new WireFormatException("request: missing field `resourceSpans`");
    }
    List<ServerView.RawSpan> out = new ArrayList<>();
    int i = 0;
    for (JsonNode resourceSpans : array(rs, "request.resourceSpans")) {
      String path = "request.resourceSpans[" + i++ + "]";
      object(resourceSpans, path);
      Map<String, Object> resource = new LinkedHashMap<>();
      JsonNode res = optional(resourceSpans, "resource");
      if (res != null) {
        object(res, path + ".resource");
        for (Map.Entry<String, Object> kv : keyValues(optional(res, "attributes"), path + ".resource.attributes")) {
          if (kv.getValue() == null) {
            throw new WireFormatException(path + ".resource.attributes: resource attribute '" + kv.getKey()
                + "' has no value (the server would panic)");
          }
          resource.put(kv.getKey(), kv.getValue());
        }
        u32(optional(res, "droppedAttributesCount"), path + ".resource.droppedAttributesCount");
      }
      string(optional(resourceSpans, "schemaUrl"), path + ".schemaUrl");
      int j = 0;
      for (JsonNode scopeSpans : array(optional(resourceSpans, "scopeSpans"), path + ".scopeSpans")) {
        String sp = path + ".scopeSpans[" + j++ + "]";
        object(scopeSpans, sp);
        String scopeName = "";
        JsonNode scope = optional(scopeSpans, "scope");
        if (scope != null) {
          object(scope, sp + ".scope");
          scopeName = string(optional(scope, "name"), sp + ".scope.name");
          string(optional(scope, "version"), sp + ".scope.version");
          keyValues(optional(scope, "attributes"), sp + ".scope.attributes");
        }
        int k = 0;
        for (JsonNode span : array(optional(scopeSpans, "spans"), sp + ".spans")) {
          out.add(span(span, sp + ".spans[" + k++ + "]", scopeName, resource));
        }
      }
    }
    return out;
  }

  private static ServerView.RawSpan span(JsonNode s, String path, String scope, Map<String, Object> resource)
      throws WireFormatException {
    object(s, path);
    String traceId = hexId(optional(s, "traceId"), 16, path + ".traceId", false);
    String spanId = hexId(optional(s, "spanId"), 8, path + ".spanId", false);
    String parent = hexId(optional(s, "parentSpanId"), 8, path + ".parentSpanId", true);
    string(optional(s, "traceState"), path + ".traceState");
    u32(optional(s, "flags"), path + ".flags");
    String name = string(optional(s, "name"), path + ".name");
    int kind = (int) i32(optional(s, "kind"), path + ".kind");
    long start = nanos(optional(s, "startTimeUnixNano"), path + ".startTimeUnixNano");
    long end = nanos(optional(s, "endTimeUnixNano"), path + ".endTimeUnixNano");
    List<Map.Entry<String, Object>> attributes = keyValues(optional(s, "attributes"), path + ".attributes");
    u32(optional(s, "droppedAttributesCount"), path + ".droppedAttributesCount");
    List<TraceSpanRecord.SpanEventRecord> events = new ArrayList<>();
    int e = 0;
    for (JsonNode ev : array(optional(s, "events"), path + ".events")) {
      String ep = path + ".events[" + e++ + "]";
      object(ev, ep);
      long t = nanos(optional(ev, "timeUnixNano"), ep + ".timeUnixNano");
      String en = string(optional(ev, "name"), ep + ".name");
      events.add(new TraceSpanRecord.SpanEventRecord(en, ServerView.instant(t),
          toMap(keyValues(optional(ev, "attributes"), ep + ".attributes"))));
    }
    List<TraceSpanRecord.SpanLinkRecord> links = new ArrayList<>();
    int l = 0;
    for (JsonNode link : array(optional(s, "links"), path + ".links")) {
      String lp = path + ".links[" + l++ + "]";
      object(link, lp);
      links.add(new TraceSpanRecord.SpanLinkRecord(hexId(optional(link, "traceId"), 16, lp + ".traceId", false),
          hexId(optional(link, "spanId"), 8, lp + ".spanId", false), string(optional(link, "traceState"),
              lp + ".traceState"),
          toMap(keyValues(optional(link, "attributes"), lp + ".attributes"))));
      u32(optional(link, "flags"), lp + ".flags");
    }
    int code = 0;
    String message = "";
    JsonNode status = optional(s, "status");
    if (status != null) {
      object(status, path + ".status");
      code = (int) i32(optional(status, "code"), path + ".status.code");
      message = string(optional(status, "message"), path + ".status.message");
    }
    return new ServerView.RawSpan(traceId, spanId, parent, scope, name, kind, start, end, attributes, events, links,
        code, message, resource);
  }

  private static Map<String, Object> toMap(List<Map.Entry<String, Object>> kvs) {
    Map<String, Object> m = new LinkedHashMap<>();
    kvs.forEach(kv -> m.put(kv.getKey(), kv.getValue()));
    return m;
  }

  private static List<Map.Entry<String, Object>> keyValues(JsonNode node, String path) throws WireFormatException {
    List<Map.Entry<String, Object>> out = new ArrayList<>();
    int i = 0;
    for (JsonNode kv : array(node, path)) {
      String p = path + "[" + i++ + "]";
      object(kv, p);
      JsonNode key = kv.get("key");
      if (key == null) {
        throw new WireFormatException(p + ": missing field `key`");
      }
      if (!key.isTextual()) {
        throw new WireFormatException(p + ".key: invalid type, expected a string");
      }
      JsonNode value = kv.get("value");
      out.add(new AbstractMap.SimpleEntry<>(key.asText(), value == null || value.isNull() ? null
          : anyValue(value, p + ".value")));
    }
    return out;
  }

  private static Object anyValue(JsonNode v, String path) throws WireFormatException {
    object(v, path);
    if (v.size() != 1) {
      throw new WireFormatException(path + ": AnyValue must have exactly one of stringValue, boolValue, intValue, "
          + "doubleValue, arrayValue, kvlistValue, bytesValue; found " + fieldNames(v));
    }
    Map.Entry<String, JsonNode> f = v.fields().next();
    JsonNode x = f.getValue();
    String p = path + "." + f.getKey();
    switch (f.getKey()) {
      case "stringValue":
        return string(x, p);
      case "boolValue":
        if (!x.isBoolean()) {
          throw new WireFormatException(p + ": invalid type, expected a boolean");
        }
        return x.asBoolean();
      case "intValue":
        if (x.isIntegralNumber() && x.canConvertToLong()) {
          return x.asLong();
        }
        if (x.isTextual()) {
          try {
            return Long.parseLong(x.asText());
          } catch (NumberFormatException e) {
            throw new WireFormatException(p + ": invalid i64 string '" + x.asText() + "'");
          }
        }
        throw new WireFormatException(p + ": invalid type, expected an i64 as string or number");
      case "doubleValue":
        if (!x.isNumber()) {
          throw new WireFormatException(p + ": invalid type, expected f64");
        }
        return x.asDouble();
      case "arrayValue": {
        object(x, p);
        JsonNode values = x.get("values");
        if (values == null) {
          throw new WireFormatException(p + ": missing field `values`");
        }
        List<Object> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : array(values, p + ".values")) {
          out.add(anyValue(item, p + ".values[" + i++ + "]"));
        }
        return out;
      }
      case "kvlistValue": {
        object(x, p);
        JsonNode values = x.get("values");
        if (values == null) {
          throw new WireFormatException(p + ": missing field `values`");
        }
        return toMap(keyValues(values, p + ".values"));
      }
      case "bytesValue":
        try {
          Base64.getDecoder().decode(string(x, p));
          return x.asText();
        } catch (IllegalArgumentException e) {
          throw new WireFormatException(p + ": invalid base64");
        }
      default:
        throw new WireFormatException(path + ": unknown AnyValue variant `" + f.getKey() + "`");
    }
  }

  private static String fieldNames(JsonNode v) {
    List<String> names = new ArrayList<>();
    v.fieldNames().forEachRemaining(names::add);
    return names.toString();
  }

  private static String hexId(JsonNode node, int bytes, String path, boolean emptyAllowed)
      throws WireFormatException {
    String s = node == null ? "" : string(node, path);
    if (s.isEmpty() && emptyAllowed) {
      return null;
    }
    if (s.length() != bytes * 2 || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
        || (c >= 'A' && c <= 'F'))) {
      throw new WireFormatException(path + ": expected " + bytes + " bytes of hex, got '" + s + "'");
    }
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  private static long nanos(JsonNode node, String path) throws WireFormatException {
    if (node == null) {
      return 0;
    }
    if (!node.isTextual()) {
      throw new WireFormatException(path + ": invalid type: " + node.getNodeType().name().toLowerCase(Locale.ROOT)
          + ", expected a string containing a u64");
    }
    try {
      BigInteger v = new BigInteger(node.asText());
      if (v.signum() < 0 || v.compareTo(U64_MAX) > 0) {
        throw new NumberFormatException();
      }
      return v.longValue();
    } catch (NumberFormatException e) {
      throw new WireFormatException(path + ": invalid u64 string '" + node.asText() + "'");
    }
  }

  private static long i32(JsonNode node, String path) throws WireFormatException {
    if (node == null) {
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new WireFormatException(path + ": invalid type, expected i32 (an integer, not a name)");
    }
    return node.asInt();
  }

  private static void u32(JsonNode node, String path) throws WireFormatException {
    if (node != null && (!node.isIntegralNumber() || node.asLong() < 0 || node.asLong() > 0xffffffffL)) {
      throw new WireFormatException(path + ": invalid type, expected u32");
    }
  }

  private static String string(JsonNode node, String path) throws WireFormatException {
    if (node == null) {
      return "";
    }
    if (!node.isTextual()) {
      throw new WireFormatException(path + ": invalid type, expected a string");
    }
    return node.asText();
  }

  private static void object(JsonNode node, String path) throws WireFormatException {
    if (node == null || !node.isObject()) {
      throw new WireFormatException(path + ": invalid type, expected a map");
    }
  }

  private static Iterable<JsonNode> array(JsonNode node, String path) throws WireFormatException {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new WireFormatException(path + ": invalid type, expected a sequence");
    }
    List<JsonNode> out = new ArrayList<>(node.size());
    Iterator<JsonNode> it = node.elements();
    it.forEachRemaining(out::add);
    return out;
  }

  private static JsonNode optional(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }
}
