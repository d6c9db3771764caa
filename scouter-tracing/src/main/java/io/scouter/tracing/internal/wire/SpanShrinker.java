package io.scouter.tracing.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.internal.capture.CaptureSerializer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Makes a span that is too big for any message smaller: string attribute values are cut to a length, and captured
 * input/output are re-truncated leaf by leaf so they stay valid JSON. Not a public API.
 */
public final class SpanShrinker {
  static final String SUFFIX = "...[truncated]";

  private SpanShrinker() {}

  /** A view of {@code span} whose string values are at most {@code maxChars} characters (plus the suffix). */
  public static SpanData shrink(SpanData span, int maxChars) {
    Attributes attributes = cut(span.getAttributes(), maxChars);
    List<EventData> events = new ArrayList<>(span.getEvents().size());
    for (EventData e : span.getEvents()) {
      events.add(EventData.create(e.getEpochNanos(), e.getName(), cut(e.getAttributes(), maxChars),
          e.getTotalAttributeCount()));
    }
    return new DelegatingSpanData(span) {
      @Override
      public Attributes getAttributes() {
        return attributes;
      }

      @Override
      public List<EventData> getEvents() {
        return events;
      }
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Attributes cut(Attributes attributes, int maxChars) {
    AttributesBuilder b = Attributes.builder();
    attributes.forEach((AttributeKey k, Object v) -> {
      if (v instanceof String) {
        String s = (String) v;
        String key = k.getKey();
        if (s.length() > maxChars) {
          s = key.equals(ScouterAttributes.INPUT) || key.equals(ScouterAttributes.OUTPUT)
              ? cutJson(s, maxChars) : cutString(s, maxChars);
        }
        b.put(key, s);
      } else if (v instanceof List && !((List<?>) v).isEmpty() && ((List<?>) v).get(0) instanceof String) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
          out.add(cutString((String) o, maxChars));
        }
        b.put(AttributeKey.stringArrayKey(k.getKey()), out);
      } else {
        b.put(k, v);
      }
    });
    return b.build();
  }

  static String cutString(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int cut = max;
    if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
      cut--;
    }
    return s.substring(0, cut) + SUFFIX;
  }

  /** Re-truncates every string leaf of captured JSON; if the JSON still does not fit, keeps a cut string of it. */
  static String cutJson(String json, int max) {
    try {
      JsonNode tree = CaptureSerializer.mapper().readTree(json);
      String out = CaptureSerializer.mapper().writeValueAsString(cutLeaves(tree, Math.max(1, max / 8)));
      return out.length() <= max * 2 ? out : CaptureSerializer.quote(cutString(json, max));
    } catch (Exception e) {
      return cutString(json, max);
    }
  }

  private static JsonNode cutLeaves(JsonNode node, int max) {
    if (node.isTextual()) {
      return TextNode.valueOf(cutString(node.asText(), max));
    }
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      it.forEachRemaining(entries::add);
      for (Map.Entry<String, JsonNode> e : entries) {
        o.set(e.getKey(), cutLeaves(e.getValue(), max));
      }
      return o;
    }
    if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, cutLeaves(a.get(i), max));
      }
      return a;
    }
    return node;
  }
}
