package io.scouter.tracing.internal;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.scouter.tracing.ScouterAttributes;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Enriches every recording span at start: tags carried as baggage become {@code baggage.scouter.tracing.tag.<k>}
 * attributes, and {@code scouter.tracing.start_time} is the start of the first local span of the trace (children
 * inherit it from their local parent). A local root's start time is the one the SDK gave the span (read from the SDK's
 * span, no second clock read), or the clock's when the span is not the SDK's. Not a public API.
 */
public final class StartAttributesProcessor implements SpanProcessor {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx").withZone(ZoneOffset.UTC);
  static final AttributeKey<String> START_TIME = AttributeKey.stringKey(ScouterAttributes.START_TIME);
  private volatile Object[] secondCache = {Long.MIN_VALUE, ""};

  /**
   * The start time the SDK itself gave a span ({@code SdkSpan.getStartEpochNanos()}, package-private), so a local
   * root's {@code start_time} is its own start without a second clock read; {@code null} where the SDK's span class
   * cannot be reached (then the clock is read, as {@link #now()}).
   */
  private static final Class<?> SDK_SPAN = sdkSpanClass();
  private static final MethodHandle START_EPOCH_NANOS = startEpochNanos(SDK_SPAN);

  private static Class<?> sdkSpanClass() {
    try {
      return Class.forName("io.opentelemetry.sdk.trace.SdkSpan", false, ReadWriteSpan.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      return null;
    }
  }

  private static MethodHandle startEpochNanos(Class<?> sdkSpan) {
    if (sdkSpan == null) {
      return null;
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(sdkSpan, MethodHandles.lookup());
      return lookup.findVirtual(sdkSpan, "getStartEpochNanos", MethodType.methodType(long.class))
          .asType(MethodType.methodType(long.class, Object.class));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null; // another SDK version or a module that does not open the package: read the clock
    }
  }

  /** RFC 3339 with nanoseconds in UTC, e.g. {@code 2026-04-25T21:18:24.123460001+00:00}; cheap within a second. */
  String now() {
    Instant now = Instant.now();
    return format(now.getEpochSecond(), now.getNano());
  }

  /** {@code span}'s start as {@link #now()} writes it, from the SDK's own start time when it can be read. */
  String startOf(Span span) {
    if (START_EPOCH_NANOS != null && span.getClass() == SDK_SPAN) {
      long epochNanos;
      try {
        epochNanos = (long) START_EPOCH_NANOS.invokeExact((Object) span);
      } catch (Throwable e) {
        return now();
      }
      return format(Math.floorDiv(epochNanos, 1_000_000_000L), (int) Math.floorMod(epochNanos, 1_000_000_000L));
    }
    return now();
  }

  private String format(long second, int nano) {
    Object[] cache = secondCache;
    String prefix;
    if ((Long) cache[0] == second) {
      prefix = (String) cache[1];
    } else {
      prefix = RFC3339.format(Instant.ofEpochSecond(second)).substring(0, 20);
      secondCache = new Object[] {second, prefix};
    }
    // one concatenation: the result's bytes are its only allocation
    return prefix + NANO_PADDING[digits(nano)] + nano + "+00:00";
  }

  /** Zeros that pad a nanosecond count of n digits to nine. */
  private static final String[] NANO_PADDING =
      {"000000000", "00000000", "0000000", "000000", "00000", "0000", "000", "00", "0", ""};

  private static int digits(int nano) {
    int n = 1;
    for (int limit = 10; n < 9 && nano >= limit; limit *= 10) {
      n++;
    }
    return n;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    enrich(parentContext, span);
  }

  /**
   * Adds the tag attributes and the trace's start time to a span just started in {@code parentContext}; also used for
   * spans of a runtime's SDK, where this processor is not installed.
   */
  void enrich(Context parentContext, Span span) {
    Baggage baggage = Baggage.fromContextOrNull(parentContext);
    if (baggage != null && !baggage.isEmpty()) {
      baggage.forEach((k, entry) -> {
        if (k.startsWith(ScouterAttributes.TAG_PREFIX)) {
          span.setAttribute(ScouterAttributes.BAGGAGE_PREFIX + k, entry.getValue());
        }
      });
    }
    // the first local span of the trace sets the time; its local descendants inherit it from their parent
    String start = null;
    Span parent = Span.fromContextOrNull(parentContext);
    if (parent != null && !parent.getSpanContext().isRemote()
        && parent.getSpanContext().getTraceId().equals(span.getSpanContext().getTraceId())) {
      start = parentStartTime(parent);
    }
    span.setAttribute(START_TIME, start != null ? start : startOf(span));
  }

  private static String parentStartTime(Span parent) {
    try {
      return parent instanceof ReadableSpan ? ((ReadableSpan) parent).getAttribute(START_TIME) : null;
    } catch (LinkageError e) {
      return null; // a runtime SDK whose span classes are not ours: the span keeps its own start
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
