package io.scouter.tracing.internal.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.impl.UnknownSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Turns captured values into compact JSON with sorted keys and every string leaf cut at a length. Never throws: a value
 * that cannot be serialized (cycles, throwing getters, no properties, too deep) is written as its simple type name, as
 * the Python original does. Not a public API.
 */
public final class CaptureSerializer {
  /** Deepest nesting written; deeper values become their type name. */
  public static final int MAX_DEPTH = 64;

  /** The JSON factory of every generator here (Jackson core only: strings, numbers, the arguments object). */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();

  /**
   * Databind, built on its first use (a value that is neither a scalar nor written by {@link DirectWriter} without
   * it): an application whose captured values are all strings, numbers and booleans never loads its classes.
   */
  private static final class Databind {
    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .addModule(lazyTypesAsNames(new SimpleModule("scouter-capture").setSerializerModifier(new TypeNameModifier())))
        .build();
  }

  /** The captured input and output attribute keys, built once (a string key is a new object per call). */
  public static final io.opentelemetry.api.common.AttributeKey<String> INPUT_KEY =
      io.opentelemetry.api.common.AttributeKey.stringKey(io.scouter.tracing.ScouterAttributes.INPUT);
  public static final io.opentelemetry.api.common.AttributeKey<String> OUTPUT_KEY =
      io.opentelemetry.api.common.AttributeKey.stringKey(io.scouter.tracing.ScouterAttributes.OUTPUT);

  private CaptureSerializer() {}

  /** The JSON of {@code value}, string leaves cut at {@code maxLength} characters. */
  public static String toJson(Object value, int maxLength) {
    if (value == null) {
      return "null";
    }
    String direct = scalar(value, maxLength);
    if (direct != null) {
      return direct;
    }
    if (DirectWriter.supports(value)) {
      StringBuilder sb = acquire();
      try {
        DirectWriter.write(sb, value, maxLength, Redaction.current());
        return sb.toString();
      } catch (Throwable e) {
        rethrowIfFatal(e); // otherwise a getter failed: databind below writes what it writes for that
      } finally {
        release(sb);
      }
    }
    return toJsonDatabind(value, maxLength);
  }

  /** {@link #toJson} by databind only (what {@link DirectWriter} must equal). */
  static String toJsonDatabind(Object value, int maxLength) {
    try {
      return write(value, maxLength);
    } catch (StackOverflowError | Exception e) {
      return quote(typeName(value));
    }
  }

  /**
   * A JSON object of argument name to value, keys sorted. A {@code null} name skips the argument; a value of
   * {@link #REDACTED} is written as the string {@code "[redacted]"}.
   */
  public static String argumentsToJson(String[] names, Object[] values, int maxLength) {
    return argumentsToJson(sortedOrder(names), names, values, maxLength);
  }

  /** The indexes of {@code names} in the order of the names (computed once per method by callers that can). */
  public static int[] sortedOrder(String[] names) {
    Integer[] boxed = new Integer[names.length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, Comparator.comparing(i -> names[i] == null ? "" : names[i]));
    int[] order = new int[boxed.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = boxed[i];
    }
    return order;
  }

  /**
   * As {@link #argumentsToJson(String[], Object[], int)} with the name order given. One generator writes the whole
   * object; only if a value fails is each argument serialized on its own, so one bad argument becomes its type name
   * while the others are kept.
   */
  public static String argumentsToJson(int[] order, String[] names, Object[] values, int maxLength) {
    String direct = argumentsDirect(order, names, values, maxLength);
    return direct != null ? direct : argumentsDatabind(order, names, values, maxLength);
  }

  /** The arguments object written by databind through {@link TruncatingGenerator}. */
  static String argumentsDatabind(int[] order, String[] names, Object[] values, int maxLength) {
    BufferRecycler recycler = FACTORY._getBufferRecycler();
    try (SegmentedStringWriter w = new SegmentedStringWriter(recycler)) {
      try (JsonGenerator g = new TruncatingGenerator(FACTORY.createGenerator(w), maxLength)) {
        g.writeStartObject();
        for (int i : order) {
          if (names[i] == null) {
            continue;
          }
          g.writeFieldName(names[i]);
          Object v = i < values.length ? values[i] : null;
          if (v == REDACTED) {
            g.writeString("[redacted]");
          } else {
            Databind.MAPPER.writeValue(g, v);
          }
        }
        g.writeEndObject();
      }
      return w.getAndClear();
    } catch (StackOverflowError | Exception e) {
      return argumentsOneByOne(order, names, values, maxLength);
    } finally {
      recycler.releaseToPool();
    }
  }

  /** The arguments object written by {@link DirectWriter}, or {@code null} when a value needs databind. */
  private static String argumentsDirect(int[] order, String[] names, Object[] values, int maxLength) {
    for (int i : order) {
      if (names[i] != null && i < values.length && values[i] != REDACTED && !DirectWriter.supports(values[i])) {
        return null;
      }
    }
    Redaction redaction = Redaction.current();
    StringBuilder sb = acquire();
    try {
      sb.append('{');
      boolean first = true;
      for (int i : order) {
        String name = names[i];
        if (name == null) {
          continue;
        }
        if (!first) {
          sb.append(',');
        }
        first = false;
        DirectWriter.appendString(sb, name);
        sb.append(':');
        Object v = i < values.length ? values[i] : null;
        int mark = sb.length();
        if (v != REDACTED) {
          DirectWriter.write(sb, v, maxLength, redaction);
        }
        if (v == REDACTED || redaction.matches(name)) {
          sb.setLength(mark);
          sb.append("\"[redacted]\"");
        }
      }
      return sb.append('}').toString();
    } catch (Throwable e) {
      rethrowIfFatal(e);
      return null; // a getter failed: databind writes what it writes for that
    } finally {
      release(sb);
    }
  }

  /** Per thread, one builder lent out at a time (a getter that captures gets a fresh one). */
  private static final ThreadLocal<StringBuilder[]> BUILDERS = ThreadLocal.withInitial(() -> new StringBuilder[1]);
  private static final int MAX_KEPT_BUILDER = 16 * 1024;

  private static StringBuilder acquire() {
    StringBuilder[] held = BUILDERS.get();
    StringBuilder sb = held[0];
    if (sb == null) {
      return new StringBuilder(256);
    }
    held[0] = null;
    sb.setLength(0);
    return sb;
  }

  private static void release(StringBuilder sb) {
    if (sb.capacity() <= MAX_KEPT_BUILDER) {
      BUILDERS.get()[0] = sb;
    }
  }

  private static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
      throw (VirtualMachineError) e;
    }
  }

  private static String argumentsOneByOne(int[] order, String[] names, Object[] values, int maxLength) {
    StringBuilder sb = new StringBuilder(64).append('{');
    boolean first = true;
    for (int i : order) {
      if (names[i] == null) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(quote(names[i])).append(':');
      Object v = i < values.length ? values[i] : null;
      sb.append(v == REDACTED ? "\"[redacted]\"" : toJson(v, maxLength));
    }
    return sb.append('}').toString();
  }

  /** Marker for a redacted argument value. */
  public static final Object REDACTED = new Object() {
    @Override
    public String toString() {
      return "[redacted]";
    }
  };

  private static String scalar(Object value, int maxLength) {
    if (value instanceof String) {
      return quote(TruncatingGenerator.truncate((String) value, maxLength));
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof Boolean) {
      return value.toString();
    }
    return null;
  }

  private static String write(Object value, int maxLength) throws IOException {
    BufferRecycler recycler = FACTORY._getBufferRecycler();
    try (SegmentedStringWriter w = new SegmentedStringWriter(recycler)) {
      try (JsonGenerator g = new TruncatingGenerator(FACTORY.createGenerator(w), maxLength)) {
        Databind.MAPPER.writeValue(g, value);
      }
      return w.getAndClear();
    } finally {
      recycler.releaseToPool();
    }
  }

  /** JSON string literal of {@code s}. */
  public static String quote(String s) {
    StringWriter w = new StringWriter(s.length() + 2);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.writeString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }

  /** The simple name of the value's class, or the full name for anonymous classes. */
  public static String typeName(Object value) {
    Class<?> c = value.getClass();
    String n = c.getSimpleName();
    return n.isEmpty() ? c.getName() : n;
  }

  /**
   * Values that capture must never consume or block on (iterators, streams, I/O streams, futures, publishers) are
   * written as their type name.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static SimpleModule lazyTypesAsNames(SimpleModule module) {
    for (Class<?> c : new Class<?>[] {java.util.Iterator.class, java.util.stream.BaseStream.class,
        java.util.Spliterator.class, java.io.InputStream.class, java.io.Reader.class,
        java.util.concurrent.Flow.Publisher.class, java.util.concurrent.Future.class,
        java.util.concurrent.CompletionStage.class, java.util.Enumeration.class, Thread.class, ClassLoader.class}) {
      module.addSerializer((Class) c, (JsonSerializer) TypeNameModifier.TYPE_NAME);
    }
    return module;
  }

  /** Writes objects without serializable properties as their simple type name, per value, not per argument. */
  static final class TypeNameModifier extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;
    private static final JsonSerializer<Object> TYPE_NAME = new StdSerializer<>(Object.class) {
      private static final long serialVersionUID = 1L;

      @Override
      public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(typeName(value));
      }
    };

    /** An exception is captured as {@code "Type: message"}, never as a bean with its stack trace. */
    private static final JsonSerializer<Object> THROWABLE = new StdSerializer<>(Object.class) {
      private static final long serialVersionUID = 1L;

      @Override
      public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(typeName(value) + ": " + ((Throwable) value).getMessage());
      }
    };

    @Override
    public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription beanDesc,
        JsonSerializer<?> serializer) {
      Class<?> type = beanDesc.getBeanClass();
      if (Throwable.class.isAssignableFrom(type)) {
        return THROWABLE;
      }
      return serializer instanceof UnknownSerializer || type.isSynthetic() || type.getName().contains("$$Lambda")
          ? TYPE_NAME : serializer;
    }
  }

  /** The shared mapper (sorted keys, java.time, Optional), for parsing captured JSON back. */
  public static ObjectMapper mapper() {
    return Databind.MAPPER;
  }

  /** The shared JSON factory (Jackson core), for reading or writing JSON without databind. */
  public static JsonFactory factory() {
    return FACTORY;
  }
}
