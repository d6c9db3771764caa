package io.scouter.tracing.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.scouter.tracing.internal.capture.CaptureSerializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Converts Java values to typed span attributes the way Scouter's {@code pyobject_to_otel_value} does. Not a public
 * API.
 */
public final class AttributeValues {
  private AttributeValues() {}

  /** Sets {@code key} on {@code span} with the converted value. */
  public static void set(Span span, String key, Object value, int maxLength) {
    AttributesBuilder b = Attributes.builder();
    put(b, key, value, maxLength);
    span.setAllAttributes(b.build());
  }

  /** Puts the converted value into {@code b}. */
  @SuppressWarnings("unchecked")
  public static void put(AttributesBuilder b, String key, Object value, int maxLength) {
    if (value == null) {
      b.put(key, "null");
    } else if (value instanceof String) {
      b.put(key, (String) value);
    } else if (value instanceof Boolean) {
      b.put(key, (Boolean) value);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      b.put(key, ((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      b.put(key, ((Number) value).doubleValue());
    } else if (value instanceof Character || value instanceof Enum) {
      b.put(key, value.toString());
    } else if (value instanceof String[]) {
      b.put(key, (String[]) value);
    } else if (value instanceof long[]) {
      b.put(key, (long[]) value);
    } else if (value instanceof int[]) {
      b.put(key, Arrays.stream((int[]) value).asLongStream().toArray());
    } else if (value instanceof double[]) {
      b.put(key, (double[]) value);
    } else if (value instanceof boolean[]) {
      b.put(key, (boolean[]) value);
    } else if (value instanceof Object[]) {
      putList(b, key, Arrays.asList((Object[]) value), maxLength);
    } else if (value instanceof Collection) {
      putList(b, key, new ArrayList<>((Collection<Object>) value), maxLength);
    } else {
      b.put(key, CaptureSerializer.toJson(value, maxLength));
    }
  }

  private static void putList(AttributesBuilder b, String key, List<Object> list, int maxLength) {
    if (list.isEmpty()) {
      b.put(AttributeKey.stringArrayKey(key), List.of());
      return;
    }
    Class<?> kind = kindOf(list.get(0));
    boolean homogeneous = kind != null;
    for (Object o : list) {
      if (kindOf(o) != kind) {
        homogeneous = false;
        break;
      }
    }
    if (homogeneous && kind == String.class) {
      List<String> out = new ArrayList<>(list.size());
      list.forEach(o -> out.add((String) o));
      b.put(AttributeKey.stringArrayKey(key), out);
    } else if (homogeneous && kind == Long.class) {
      List<Long> out = new ArrayList<>(list.size());
      list.forEach(o -> out.add(((Number) o).longValue()));
      b.put(AttributeKey.longArrayKey(key), out);
    } else if (homogeneous && kind == Double.class) {
      List<Double> out = new ArrayList<>(list.size());
      list.forEach(o -> out.add(((Number) o).doubleValue()));
      b.put(AttributeKey.doubleArrayKey(key), out);
    } else if (homogeneous && kind == Boolean.class) {
      List<Boolean> out = new ArrayList<>(list.size());
      list.forEach(o -> out.add((Boolean) o));
      b.put(AttributeKey.booleanArrayKey(key), out);
    } else {
      List<String> out = new ArrayList<>(list.size());
      list.forEach(o -> out.add(CaptureSerializer.toJson(o, maxLength)));
      b.put(AttributeKey.stringArrayKey(key), out);
    }
  }

  private static Class<?> kindOf(Object o) {
    if (o instanceof String) {
      return String.class;
    }
    if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
      return Long.class;
    }
    if (o instanceof Double || o instanceof Float) {
      return Double.class;
    }
    if (o instanceof Boolean) {
      return Boolean.class;
    }
    return null;
  }

  /** Event attributes: nested maps flattened with dots. */
  public static Attributes flatten(Map<String, ?> map, int maxLength) {
    AttributesBuilder b = Attributes.builder();
    if (map != null) {
      flatten(b, "", map, maxLength, 0);
    }
    return b.build();
  }

  private static void flatten(AttributesBuilder b, String prefix, Map<?, ?> map, int maxLength, int depth) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = prefix + e.getKey();
      Object v = e.getValue();
      if (v instanceof Map && depth < CaptureSerializer.MAX_DEPTH) {
        flatten(b, key + ".", (Map<?, ?>) v, maxLength, depth + 1);
      } else {
        put(b, key, v, maxLength);
      }
    }
  }
}
