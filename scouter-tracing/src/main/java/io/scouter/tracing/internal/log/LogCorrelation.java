package io.scouter.tracing.internal.log;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Log correlation: while a span is current, the logging context (MDC) of every logging API on the class path holds
 * {@value #TRACE_ID}, {@value #SPAN_ID} and {@value #IS_SAMPLED}; when none is, the keys are absent.
 *
 * <p>One hook where the context changes: an OpenTelemetry {@link ContextStorage} wrapper, registered by
 * {@link #install()} before the first {@code Context.current()} of this copy of OpenTelemetry (class initialisers of
 * the entry points call it). After each attach whose span differs from the one it replaces, the keys are set from the
 * new span (or removed), and its scope's close sets them back from the span it restores. Attaches that keep the span
 * (baggage only, the same context again) cost one thread-local read and two context look-ups.
 *
 * <p>Open Liberty: the ids are also registered as {@code LogRecordContext} extensions, which Liberty writes as
 * {@code ext_trace_id}, {@code ext_span_id} and {@code ext_is_sampled} fields of its JSON logs. Not a public API.
 */
public final class LogCorrelation {
  /** The key of the trace id (32 hex), as in the propagation headers. */
  public static final String TRACE_ID = "trace_id";
  /** The key of the span id (16 hex). */
  public static final String SPAN_ID = "span_id";
  /** The key of the sampling decision ({@code true}/{@code false}). */
  public static final String IS_SAMPLED = "is_sampled";

  private static final Logger LOG = Logger.getLogger(LogCorrelation.class.getName());
  private static final MdcSink[] OFF = new MdcSink[0];
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();
  private static volatile MdcSink[] sinks = OFF;
  private static volatile boolean applied;
  private static boolean warned;
  private static LibertyExtensions liberty;
  private static volatile String status = "off";

  private LogCorrelation() {}

  /**
   * Registers the context storage wrapper; harmless when repeated. Effective only before this OpenTelemetry copy's
   * context storage is first used; {@link #start} reports when it was too late.
   */
  public static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      try {
        ContextStorage.addWrapper(LogCorrelation::wrap);
      } catch (LinkageError oldOpenTelemetry) {
        // an OpenTelemetry context older than 1.27 (no addWrapper): start() reports the hook as missing
      }
    }
  }

  private static ContextStorage wrap(ContextStorage delegate) {
    applied = true;
    return new CorrelatingStorage(delegate);
  }

  /** Whether the context storage wrapper is in place (this copy's storage was created after {@link #install()}). */
  public static boolean hooked() {
    Context.current(); // creates the storage if nobody has yet, so the answer is final
    return applied;
  }

  /**
   * Starts writing the ids into the logging APIs on the class path.
   *
   * @param runtimeSdk whether Scouter runs on the runtime's OpenTelemetry; on Quarkus the runtime
   *     ({@code quarkus-opentelemetry}) already writes {@code traceId}/{@code spanId}/{@code sampled} and the MDC is
   *     left alone
   * @return a one-line description for the start-up log
   */
  public static synchronized String start(boolean runtimeSdk) {
    install();
    List<MdcSink> list = new ArrayList<>(3);
    String reason = null;
    if (runtimeSdk && present("io.quarkus.opentelemetry.runtime.OpenTelemetryUtil")) {
      reason = "quarkus-opentelemetry writes traceId/spanId/sampled itself";
    } else {
      MdcSink jboss = present("org.jboss.logmanager.MDC") ? new JBossSink() : null;
      MdcSink log4j = present("org.apache.logging.log4j.ThreadContext") ? new Log4jSink() : null;
      MdcSink slf4j = null;
      if (present("org.slf4j.MDC")) {
        String adapter = slf4jAdapter().toLowerCase(java.util.Locale.ROOT);
        slf4j = adapter.isEmpty() || adapter.contains("nop") ? null : new Slf4jSink();
      }
      // one write per context: skip an API that only forwards to another one written here (SLF4J bound to JBoss
      // LogManager in Quarkus, to Log4j 2 by log4j-slf4j2-impl; Log4j 2's API routed to SLF4J by log4j-to-slf4j)
      if (slf4j != null && (forwards(jboss, slf4j) || forwards(log4j, slf4j))) {
        slf4j = null;
      }
      if (log4j != null && (forwards(log4j, slf4j) || forwards(log4j, jboss))) {
        log4j = null;
      }
      for (MdcSink s : new MdcSink[] {jboss, log4j, slf4j}) {
        if (s != null) {
          list.add(s);
        }
      }
    }
    LibertyExtensions lib = LibertyExtensions.register(LogCorrelation.class.getClassLoader());
    if (lib != null) {
      liberty = lib;
    }
    boolean hook = hooked();
    sinks = hook ? list.toArray(OFF) : OFF;
    List<String> names = new ArrayList<>();
    for (MdcSink s : list) {
      names.add(s.name());
    }
    if (lib != null) {
      names.add("Liberty LogRecordContext (ext_" + TRACE_ID + ", ext_" + SPAN_ID + ", ext_" + IS_SAMPLED + ")");
    }
    if (!hook && !list.isEmpty() && !warned) {
      warned = true;
      LOG.log(runtimeSdk ? Level.INFO : Level.WARNING, "Scouter log correlation cannot write " + names
          + ": OpenTelemetry's context storage was created before Scouter could hook it (call "
          + "ScouterTracing.initTracer, or touch io.scouter.tracing.ScouterTracing, before any Context.current())");
    }
    status = reason != null ? "off (" + reason + ")"
        : !hook && !list.isEmpty() ? "off (context storage not hooked)"
        : names.isEmpty() ? "on (no logging context on the class path)" : "on " + names;
    return status;
  }

  /** What {@link #start} found, for the start-up log line: {@code on [SLF4J MDC, ...]} or {@code off (...)}. */
  public static String status() {
    return status;
  }

  /** Stops writing; keys already set on other threads are removed as their scopes close. */
  public static synchronized void stop() {
    sinks = OFF;
    status = "off";
    if (liberty != null) {
      liberty.unregister();
      liberty = null;
    }
  }

  /** Whether ids are being written to at least one logging context. */
  public static boolean active() {
    return sinks.length > 0;
  }

  /** Whether a value put into {@code from} is seen by {@code to} (one forwards to the other), probed on this thread. */
  static boolean forwards(MdcSink from, MdcSink to) {
    if (from == null || to == null) {
      return false;
    }
    String key = "scouter.probe." + System.nanoTime();
    try {
      from.put(key, "1");
      return "1".equals(to.get(key));
    } catch (RuntimeException | LinkageError e) {
      return false;
    } finally {
      try {
        from.remove(key);
      } catch (RuntimeException | LinkageError ignored) {
        // nothing was put
      }
    }
  }

  private static String slf4jAdapter() {
    try {
      return Slf4jSink.adapterName();
    } catch (LinkageError | RuntimeException e) {
      return "";
    }
  }

  static boolean present(String className) {
    try {
      Class.forName(className, false, LogCorrelation.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Makes the logging contexts show {@code to} where they showed {@code from}: within one trace (a child span starting
   * or ending) only {@value #SPAN_ID} changes, so a context that still holds the trace id gets only that key (one that
   * lost it, e.g. to an {@code MDC.clear()}, gets all three again).
   */
  static void write(MdcSink[] targets, SpanContext from, SpanContext to) {
    try {
      if (to.isValid() && from.isValid() && to.isSampled() == from.isSampled()
          && to.getTraceId().equals(from.getTraceId())) {
        String traceId = to.getTraceId();
        String spanId = to.getSpanId();
        for (MdcSink s : targets) {
          if (traceId.equals(s.get(TRACE_ID))) {
            s.put(SPAN_ID, spanId);
          } else {
            s.put(TRACE_ID, traceId);
            s.put(SPAN_ID, spanId);
            s.put(IS_SAMPLED, to.isSampled() ? "true" : "false");
          }
        }
      } else if (to.isValid()) {
        String traceId = to.getTraceId();
        String spanId = to.getSpanId();
        String sampled = to.isSampled() ? "true" : "false";
        for (MdcSink s : targets) {
          s.put(TRACE_ID, traceId);
          s.put(SPAN_ID, spanId);
          s.put(IS_SAMPLED, sampled);
        }
      } else {
        for (MdcSink s : targets) {
          s.remove(TRACE_ID);
          s.remove(SPAN_ID);
          s.remove(IS_SAMPLED);
        }
      }
    } catch (RuntimeException | LinkageError e) {
      sinks = OFF; // a logging API that fails here would fail on every context switch
      LOG.log(Level.WARNING, "Scouter log correlation stopped: a logging context failed", e);
    }
  }

  private static SpanContext spanContext(Context context) {
    if (context == null) {
      return SpanContext.getInvalid();
    }
    Span span = Span.fromContextOrNull(context);
    return span == null ? SpanContext.getInvalid() : span.getSpanContext();
  }

  private static boolean same(SpanContext a, SpanContext b) {
    return a == b || (a.isValid() == b.isValid() && a.getSpanId().equals(b.getSpanId())
        && a.getTraceId().equals(b.getTraceId()) && a.isSampled() == b.isSampled());
  }

  /** The wrapper: after an attach or a close that changes the span, the logging contexts follow. */
  static final class CorrelatingStorage implements ContextStorage {
    private final ContextStorage delegate;

    CorrelatingStorage(ContextStorage delegate) {
      this.delegate = delegate;
    }

    @Override
    public Scope attach(Context toAttach) {
      MdcSink[] targets = sinks;
      if (targets.length == 0 || toAttach == null) {
        return delegate.attach(toAttach);
      }
      Context before = delegate.current();
      Span prev = before == null ? null : Span.fromContextOrNull(before);
      Span next = Span.fromContextOrNull(toAttach);
      Scope scope = delegate.attach(toAttach);
      if (prev == next) {
        return scope;
      }
      SpanContext from = prev == null ? SpanContext.getInvalid() : prev.getSpanContext();
      SpanContext to = next == null ? SpanContext.getInvalid() : next.getSpanContext();
      if (same(from, to)) {
        return scope;
      }
      write(targets, from, to);
      return () -> {
        scope.close();
        write(targets, to, from);
      };
    }

    @Override
    public Context current() {
      return delegate.current();
    }

    @Override
    public Context root() {
      return delegate.root();
    }
  }

  /** The span context current on this thread (for the JUL formatter and Liberty's extensions). */
  public static SpanContext currentSpanContext() {
    return spanContext(Context.current());
  }
}
