package io.scouter.cdi.internal;

import io.scouter.cdi.config.ScouterSettings;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.scouter.cdi.NoCapture;
import io.scouter.cdi.Traced;
import io.scouter.cdi.internal.async.AsyncEndStrategies;
import io.scouter.cdi.internal.async.AsyncEndStrategy;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.internal.capture.CaptureSerializer;
import io.scouter.tracing.internal.capture.Redaction;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything the interceptor needs about one method, computed once. Not a public API. */
public final class MethodPlan {
  static final MethodPlan DISABLED = new MethodPlan();

  final boolean enabled;
  final String spanName;
  final io.opentelemetry.api.trace.SpanKind kind;
  final Attributes startAttributes;
  final Map<String, String> tags;
  final boolean captureInput;
  final boolean captureOutput;
  final boolean captureLast;
  final int maxLength;
  /** Captured parameter names; {@code null} hides a parameter. */
  final String[] names;
  /** Indexes of {@link #names} in name order, so each call writes sorted keys without sorting. */
  final int[] order;
  final boolean[] redacted;
  /**
   * Parameters whose names the class file does not carry (compiled without {@code -parameters}), captured as
   * {@code argN}: since redaction by name cannot apply to them, their values are redacted unless they are plainly not
   * secrets (see {@link #clearWithoutName}). All {@code false} when {@code scouter.capture.unnamed-parameters=capture}.
   */
  final boolean[] guarded;
  /** Whether some captured parameter has no name in the class file. */
  final boolean namesMissing;
  final AsyncEndStrategy strategy;
  final boolean returnsValue;

  private MethodPlan() {
    enabled = false;
    spanName = null;
    kind = null;
    startAttributes = Attributes.empty();
    tags = Map.of();
    captureInput = captureOutput = captureLast = returnsValue = false;
    maxLength = 0;
    names = new String[0];
    order = new int[0];
    redacted = new boolean[0];
    guarded = new boolean[0];
    namesMissing = false;
    strategy = null;
  }

  private MethodPlan(Method method, Traced t, int defaultMaxLength, Redaction redaction, boolean captureUnnamed) {
    enabled = true;
    spanName = t.value().isEmpty() ? method.getDeclaringClass().getSimpleName() + "." + method.getName() : t.value();
    kind = t.kind().toOtel();
    AttributesBuilder ab = Attributes.builder();
    if (!t.label().isEmpty()) {
      ab.put(AttributeKey.stringKey(ScouterAttributes.LABEL), t.label());
    }
    startAttributes = ab.build();
    Map<String, String> tg = new LinkedHashMap<>();
    for (String kv : t.tags()) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("@Traced(tags) entries must be \"key=value\", found \"" + kv + "\" on "
            + method);
      }
      tg.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
    }
    tags = Map.copyOf(tg);
    captureInput = t.captureInput();
    captureOutput = t.captureOutput();
    captureLast = t.captureLastStreamItem();
    maxLength = t.maxLength() > 0 ? t.maxLength() : defaultMaxLength;
    Parameter[] params = method.getParameters();
    names = new String[params.length];
    redacted = new boolean[params.length];
    guarded = new boolean[params.length];
    boolean missing = false;
    for (int i = 0; i < params.length; i++) {
      boolean named = params[i].isNamePresent();
      String name = named ? params[i].getName() : "arg" + i;
      names[i] = params[i].isAnnotationPresent(NoCapture.class) ? null : name;
      if (!named && names[i] != null) {
        missing = true;
        guarded[i] = !captureUnnamed;
      }
      redacted[i] = redaction.matches(name);
    }
    namesMissing = missing && captureInput;
    order = CaptureSerializer.sortedOrder(names);
    strategy = AsyncEndStrategies.forType(method.getReturnType());
    returnsValue = method.getReturnType() != void.class;
  }

  /** The plan for {@code method} called on an instance of {@code beanClass}. */
  static MethodPlan of(Method method, Class<?> beanClass, int defaultMaxLength, Redaction redaction,
      boolean captureUnnamed) {
    Traced t = method.getAnnotation(Traced.class);
    if (t == null) {
      t = classLevel(beanClass, method.getDeclaringClass());
    }
    if (t == null || !t.enabled()) {
      return DISABLED;
    }
    return new MethodPlan(method, t, defaultMaxLength, redaction, captureUnnamed);
  }

  private static Traced classLevel(Class<?> beanClass, Class<?> declaring) {
    for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
      Traced t = c.getAnnotation(Traced.class);
      if (t != null) {
        return t;
      }
    }
    return declaring.getAnnotation(Traced.class);
  }

  /**
   * The one warning for a class whose parameter names are missing, naming the class, what is captured and the fix.
   */
  static String unnamedWarning(Class<?> declaring, boolean captureUnnamed) {
    return "Scouter tracing: " + declaring.getName() + " was compiled without parameter names, so the arguments of "
        + "its @Traced methods are captured as arg0, arg1, ... and cannot be redacted by name ("
        + ScouterSettings.CAPTURE_UNNAMED_PARAMETERS.name() + "=" + (captureUnnamed
            ? "capture: their values are captured in clear, secrets included)"
            : "redact: every value but numbers, booleans, enums and java.time values is captured as \"[redacted]\")")
        + ". Fix: compile with -parameters (Maven: <maven.compiler.parameters>true</maven.compiler.parameters>; "
        + "Gradle: options.compilerArgs << '-parameters')";
  }

  /**
   * Whether a value is shown even though its parameter has no name: {@code null}, booleans, the JDK's numbers, enum
   * constants and {@code java.time} values. Text ({@code CharSequence}, {@code char[]}, {@code byte[]}, characters),
   * collections, maps, records and other objects (whose properties redaction by name does not reach) may hold a
   * secret, so they are redacted.
   */
  static boolean clearWithoutName(Object v) {
    return v == null || v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof Byte || v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal
        || v instanceof java.math.BigInteger || v instanceof Enum<?>
        || v.getClass().getPackageName().equals("java.time");
  }

  /**
   * The input JSON: arguments by name, hidden ones left out, redacted ones masked, and values of unnamed parameters
   * masked unless {@link #clearWithoutName plainly not secret}.
   */
  String input(Object[] args) {
    Object[] values = args;
    for (int i = 0; i < redacted.length; i++) {
      if (redacted[i] || (guarded[i] && i < args.length && !clearWithoutName(args[i]))) {
        if (values == args) {
          values = args.clone();
        }
        values[i] = CaptureSerializer.REDACTED;
      }
    }
    return CaptureSerializer.argumentsToJson(order, names, values, maxLength);
  }

  /** The parent context with the method's tags added as baggage. */
  Context withTags(Context parent) {
    if (tags.isEmpty()) {
      return parent;
    }
    BaggageBuilder b = Baggage.fromContext(parent).toBuilder();
    tags.forEach((k, v) -> b.put(ScouterAttributes.TAG_PREFIX + k, v));
    return parent.with(b.build());
  }
}
