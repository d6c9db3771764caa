package io.scouter.tracing.internal.capture;

import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializer;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BooleanSerializer;
import com.fasterxml.jackson.databind.ser.std.NumberSerializers;
import com.fasterxml.jackson.databind.ser.std.StringSerializer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the common captured values without databind: {@code null}, strings, boxed numbers and booleans, and records
 * or beans whose properties are such scalars or such records (up to {@link #MAX_NESTING} deep). The output is the
 * mapper's, character for character: the property names and their order are read once per type from the mapper's own
 * {@link BeanSerializer} (so sorting, naming and visibility are its decisions), and a type qualifies only when that
 * serializer and every property's serializer are Jackson's standard ones and nothing on the type is annotated. String
 * leaves are cut and secret property names redacted as {@link TruncatingGenerator} does. Anything else returns
 * {@code false} from {@link #write} and goes through databind. Not a public API.
 */
final class DirectWriter {
  /** Deepest record/bean nesting written directly. */
  static final int MAX_NESTING = 8;

  private static final int STRING = 0;
  private static final int INT = 1;
  private static final int LONG = 2;
  private static final int DOUBLE = 3;
  private static final int FLOAT = 4;
  private static final int SHORT = 5;
  private static final int BYTE = 6;
  private static final int BOOLEAN = 7;
  /** A boxed scalar or String read as an object (may be {@code null}). */
  private static final int BOXED = 8;
  private static final int OBJECT = 9;

  private static final Shape UNSUPPORTED = new Shape(Object.class, new String[0], new int[0], new MethodHandle[0],
      new Shape[0]);
  private static final Map<Class<?>, Class<?>> STANDARD_SERIALIZERS = Map.ofEntries(
      Map.entry(String.class, StringSerializer.class),
      Map.entry(int.class, NumberSerializers.IntegerSerializer.class),
      Map.entry(Integer.class, NumberSerializers.IntegerSerializer.class),
      Map.entry(long.class, NumberSerializers.LongSerializer.class),
      Map.entry(Long.class, NumberSerializers.LongSerializer.class),
      Map.entry(double.class, NumberSerializers.DoubleSerializer.class),
      Map.entry(Double.class, NumberSerializers.DoubleSerializer.class),
      Map.entry(float.class, NumberSerializers.FloatSerializer.class),
      Map.entry(Float.class, NumberSerializers.FloatSerializer.class),
      Map.entry(short.class, NumberSerializers.ShortSerializer.class),
      Map.entry(Short.class, NumberSerializers.ShortSerializer.class),
      Map.entry(byte.class, NumberSerializers.IntLikeSerializer.class),
      Map.entry(Byte.class, NumberSerializers.IntLikeSerializer.class),
      Map.entry(boolean.class, BooleanSerializer.class),
      Map.entry(Boolean.class, BooleanSerializer.class));

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      Shape s = build(type, new HashSet<>(), 0);
      return s == null ? UNSUPPORTED : s;
    }
  };

  private DirectWriter() {}

  /** A record or bean type written directly: its properties in the mapper's order, how to read and write each. */
  static final class Shape {
    final Class<?> type;
    /** {@code "name":} per property, escaped. */
    final String[] fieldNames;
    final String[] names;
    final int[] kinds;
    /** Typed getters: {@code (Object)int}, {@code (Object)long}, ... or {@code (Object)Object}. */
    final MethodHandle[] getters;
    final Shape[] nested;
    /** The redaction the {@link #redacted} flags were computed for, and the flags (replaced together). */
    private volatile Object[] redaction = {null, null};

    Shape(Class<?> type, String[] names, int[] kinds, MethodHandle[] getters, Shape[] nested) {
      this.type = type;
      this.names = names;
      this.kinds = kinds;
      this.getters = getters;
      this.nested = nested;
      fieldNames = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        StringBuilder sb = new StringBuilder();
        appendString(sb, names[i]);
        fieldNames[i] = sb.append(':').toString();
      }
    }

    boolean[] redacted(Redaction r) {
      Object[] cached = redaction;
      if (cached[0] == r) {
        return (boolean[]) cached[1];
      }
      boolean[] flags = new boolean[names.length];
      for (int i = 0; i < names.length; i++) {
        flags[i] = r.matches(names[i]);
      }
      redaction = new Object[] {r, flags};
      return flags;
    }
  }

  /** Whether {@link #write} takes {@code value} (a {@code null}, scalar or directly written record/bean). */
  static boolean supports(Object value) {
    if (value == null || value instanceof String || isBoxedScalar(value)) {
      return true;
    }
    return SHAPES.get(value.getClass()) != UNSUPPORTED;
  }

  private static boolean isBoxedScalar(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Boolean
        || v instanceof Float || v instanceof Short || v instanceof Byte;
  }

  /**
   * Appends the JSON of a value {@link #supports} accepted. Throws what a getter throws; the caller then discards
   * the output and uses databind, which handles failing values.
   */
  static void write(StringBuilder sb, Object value, int maxLength, Redaction redaction) throws Throwable {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String) {
      appendString(sb, TruncatingGenerator.truncate((String) value, maxLength));
    } else if (isBoxedScalar(value)) {
      appendBoxed(sb, value);
    } else {
      writeObject(sb, SHAPES.get(value.getClass()), value, maxLength, redaction);
    }
  }

  private static void writeObject(StringBuilder sb, Shape shape, Object value, int maxLength, Redaction redaction)
      throws Throwable {
    boolean[] redacted = shape.redacted(redaction);
    sb.append('{');
    for (int i = 0; i < shape.kinds.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(shape.fieldNames[i]);
      MethodHandle g = shape.getters[i];
      // a secret is still read and written (databind calls the getter and serializes the value before the generator
      // masks it), then replaced: same getter calls, same failures
      int mark = sb.length();
      switch (shape.kinds[i]) {
        case INT:
          sb.append((int) g.invokeExact(value));
          break;
        case LONG:
          sb.append((long) g.invokeExact(value));
          break;
        case DOUBLE:
          appendDouble(sb, (double) g.invokeExact(value));
          break;
        case FLOAT:
          appendFloat(sb, (float) g.invokeExact(value));
          break;
        case SHORT:
          sb.append((short) g.invokeExact(value));
          break;
        case BYTE:
          sb.append((byte) g.invokeExact(value));
          break;
        case BOOLEAN:
          sb.append((boolean) g.invokeExact(value));
          break;
        case STRING: {
          String s = (String) (Object) g.invokeExact(value);
          if (s == null) {
            sb.append("null");
          } else {
            appendString(sb, TruncatingGenerator.truncate(s, maxLength));
          }
          break;
        }
        case BOXED: {
          Object v = (Object) g.invokeExact(value);
          if (v == null) {
            sb.append("null");
          } else {
            appendBoxed(sb, v);
          }
          break;
        }
        default: {
          Object v = (Object) g.invokeExact(value);
          if (v == null) {
            sb.append("null");
          } else {
            writeObject(sb, shape.nested[i], v, maxLength, redaction);
          }
        }
      }
      if (redacted[i]) {
        sb.setLength(mark);
        sb.append("\"[redacted]\"");
      }
    }
    sb.append('}');
  }

  private static void appendBoxed(StringBuilder sb, Object v) {
    if (v instanceof Double) {
      appendDouble(sb, (Double) v);
    } else if (v instanceof Float) {
      appendFloat(sb, (Float) v);
    } else if (v instanceof String) {
      throw new IllegalStateException("strings are not boxed scalars");
    } else {
      sb.append(v); // Integer, Long, Short, Byte, Boolean: their toString is the JSON
    }
  }

  /** As the generator: {@link Double#toString}, non-finite values quoted (WRITE_NAN_AS_STRINGS). */
  private static void appendDouble(StringBuilder sb, double d) {
    if (Double.isFinite(d)) {
      sb.append(d); // the same digits as Double.toString, without the intermediate string
    } else {
      sb.append('"').append(Double.toString(d)).append('"');
    }
  }

  private static void appendFloat(StringBuilder sb, float f) {
    if (Float.isFinite(f)) {
      sb.append(f);
    } else {
      sb.append('"').append(Float.toString(f)).append('"');
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * A JSON string as Jackson's character generator writes it: {@code \" \\ \b \t \n \f \r}, other control characters
   * as a six-character unicode escape with upper-case hex, everything else (non-ASCII included) unchanged.
   */
  static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    int len = s.length();
    int start = 0;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      sb.append(s, start, i).append('\\');
      switch (c) {
        case '"':
          sb.append('"');
          break;
        case '\\':
          sb.append('\\');
          break;
        case '\b':
          sb.append('b');
          break;
        case '\t':
          sb.append('t');
          break;
        case '\n':
          sb.append('n');
          break;
        case '\f':
          sb.append('f');
          break;
        case '\r':
          sb.append('r');
          break;
        default:
          sb.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
      start = i + 1;
    }
    sb.append(s, start, len).append('"');
  }

  /** The shape of {@code type}, or {@code null} when databind must write it. */
  private static Shape build(Class<?> type, Set<Class<?>> visiting, int depth) {
    if (depth >= MAX_NESTING || !visiting.add(type) || type.isInterface() || type.isArray() || type.isPrimitive()
        || type.isEnum() || type.isAnonymousClass() || type.isSynthetic()
        || Modifier.isAbstract(type.getModifiers()) || (!type.isRecord() && !Modifier.isFinal(type.getModifiers()))
        || type.getName().startsWith("java.") || type.getName().startsWith("javax.")
        || Iterable.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
        || CharSequence.class.isAssignableFrom(type) || Number.class.isAssignableFrom(type)
        || Throwable.class.isAssignableFrom(type) || annotated(type)) {
      return null;
    }
    try {
      ObjectMapper mapper = CaptureSerializer.mapper();
      JsonSerializer<Object> serializer = mapper.getSerializerProviderInstance().findValueSerializer(type);
      if (serializer.getClass() != BeanSerializer.class || serializer.usesObjectId()) {
        return null;
      }
      SerializationConfig config = mapper.getSerializationConfig();
      if (mapper.getSerializerFactory().createTypeSerializer(config, config.constructType(type)) != null) {
        return null; // polymorphic type info (e.g. @JsonTypeInfo inherited from an interface) adds a type id
      }
      List<String> names = new ArrayList<>();
      List<Integer> kinds = new ArrayList<>();
      List<MethodHandle> getters = new ArrayList<>();
      List<Shape> nested = new ArrayList<>();
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      for (Iterator<PropertyWriter> it = serializer.properties(); it.hasNext();) {
        PropertyWriter pw = it.next();
        if (pw.getClass() != BeanPropertyWriter.class) {
          return null;
        }
        BeanPropertyWriter w = (BeanPropertyWriter) pw;
        AnnotatedMember member = w.getMember();
        if (!(member instanceof AnnotatedMethod) || w.willSuppressNulls() || w.getViews() != null
            || w.getTypeSerializer() != null) {
          return null;
        }
        Method m = ((AnnotatedMethod) member).getAnnotated();
        if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getAnnotations().length > 0) {
          return null;
        }
        Class<?> raw = m.getReturnType();
        int kind;
        Shape inner = null;
        Class<?> standard = STANDARD_SERIALIZERS.get(raw);
        if (standard != null) {
          JsonSerializer<Object> assigned = w.getSerializer();
          if (assigned != null && assigned.getClass() != standard) {
            return null; // e.g. @JsonFormat(shape = STRING) on the backing field
          }
          kind = kindOf(raw);
        } else {
          inner = build(raw, visiting, depth + 1);
          JsonSerializer<Object> assigned = w.getSerializer();
          if (inner == null || (assigned != null && assigned.getClass() != BeanSerializer.class)) {
            return null;
          }
          kind = OBJECT;
        }
        m.setAccessible(true);
        MethodHandle h = lookup.unreflect(m);
        Class<?> handleType = kind == STRING || kind == BOXED || kind == OBJECT ? Object.class : raw;
        getters.add(h.asType(MethodType.methodType(handleType, Object.class)));
        names.add(w.getName());
        kinds.add(kind);
        nested.add(inner);
      }
      if (names.isEmpty()) {
        return null;
      }
      return new Shape(type, names.toArray(new String[0]), kinds.stream().mapToInt(Integer::intValue).toArray(),
          getters.toArray(new MethodHandle[0]), nested.toArray(new Shape[0]));
    } catch (Exception | LinkageError e) {
      return null; // inaccessible, or databind cannot describe it: databind writes it
    } finally {
      visiting.remove(type);
    }
  }

  private static int kindOf(Class<?> raw) {
    if (raw == String.class) {
      return STRING;
    }
    if (!raw.isPrimitive()) {
      return BOXED;
    }
    if (raw == int.class) {
      return INT;
    }
    if (raw == long.class) {
      return LONG;
    }
    if (raw == double.class) {
      return DOUBLE;
    }
    if (raw == float.class) {
      return FLOAT;
    }
    if (raw == short.class) {
      return SHORT;
    }
    if (raw == byte.class) {
      return BYTE;
    }
    return BOOLEAN;
  }

  /** Whether an interface of {@code c} (or theirs) or one of its methods is annotated (Jackson inherits those). */
  private static boolean annotatedInterfaces(Class<?> c) {
    for (Class<?> i : c.getInterfaces()) {
      if (i.getDeclaredAnnotations().length > 0 || annotatedInterfaces(i)) {
        return true;
      }
      for (Method m : i.getDeclaredMethods()) {
        if (m.getDeclaredAnnotations().length > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the type, a superclass, a declared field or method, or a record component carries any annotation. */
  private static boolean annotated(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class && c != Record.class; c = c.getSuperclass()) {
      if (annotatedInterfaces(c)) {
        return true;
      }
      if (c.getDeclaredAnnotations().length > 0) {
        return true;
      }
      for (java.lang.reflect.Field f : c.getDeclaredFields()) {
        if (f.getDeclaredAnnotations().length > 0) {
          return true;
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (m.getDeclaredAnnotations().length > 0) {
          return true;
        }
      }
      for (java.lang.reflect.Constructor<?> k : c.getDeclaredConstructors()) {
        if (k.getDeclaredAnnotations().length > 0) {
          return true;
        }
        for (java.lang.annotation.Annotation[] p : k.getParameterAnnotations()) {
          if (p.length > 0) {
            return true;
          }
        }
      }
      if (c.isRecord()) {
        for (java.lang.reflect.RecordComponent rc : c.getRecordComponents()) {
          if (rc.getDeclaredAnnotations().length > 0) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
