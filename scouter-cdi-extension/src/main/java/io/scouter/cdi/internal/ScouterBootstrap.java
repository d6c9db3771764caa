package io.scouter.cdi.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.scouter.cdi.TracerConfigCustomizer;
import io.scouter.cdi.TracerName;
import io.scouter.cdi.config.ConfigLookup;
import io.scouter.cdi.config.ScouterSettings;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import io.scouter.tracing.internal.UnsampledRoots;
import io.scouter.tracing.internal.capture.Redaction;
import io.scouter.tracing.internal.export.RuntimeSpanExporter;
import io.scouter.tracing.internal.log.LogCorrelation;
import io.scouter.tracing.logging.TraceIdStamper;
import io.scouter.queue.ScouterQueue;
import io.scouter.tracing.internal.ShutdownOwner;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Starts the tracer from MicroProfile Config at container startup (failing startup on invalid configuration), shuts it
 * down with the container, and produces {@link ScouterTracer}s. Not a public API.
 */
@ApplicationScoped
public class ScouterBootstrap {
  private static final Logger LOG = Logger.getLogger(ScouterBootstrap.class.getName());

  static {
    LogCorrelation.install(); // before OpenTelemetry's context storage is first used
  }

  /** The started configuration and per-method plans. */
  public static final class State {
    private final boolean enabled;
    private final ScouterTracer tracer;
    private final int captureMaxLength;
    private final Redaction redaction;
    private final boolean captureUnnamed;
    private final UnsampledRoots unsampledRoots;
    private final java.time.Duration healthFailureThreshold;
    /** Classes already warned about for missing parameter names: one warning each. */
    private final java.util.Set<Class<?>> warnedUnnamed = ConcurrentHashMap.newKeySet();
    private final ClassValue<ConcurrentHashMap<Method, MethodPlan>> plans =
        new ClassValue<>() {
          @Override
          protected ConcurrentHashMap<Method, MethodPlan> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
          }
        };

    State(boolean enabled, ScouterTracer tracer, int captureMaxLength, ScouterSettings settings) {
      this.enabled = enabled;
      this.tracer = tracer;
      this.captureMaxLength = captureMaxLength;
      this.redaction = Redaction.of(settings.redactedNames());
      Redaction.use(redaction); // property names inside captured values too, also for manual spans
      this.captureUnnamed = settings.captureUnnamedParameters();
      this.healthFailureThreshold = settings.healthFailureThreshold();
      this.unsampledRoots = enabled && tracer != null ? UnsampledRoots.of(tracer.unwrap()) : null;
    }

    public boolean enabled() {
      return enabled;
    }

    /** {@code scouter.health.failure-threshold}. */
    public java.time.Duration healthFailureThreshold() {
      return healthFailureThreshold;
    }

    Tracer otelTracer() {
      return tracer.unwrap();
    }

    /** New traces' spans without the SDK when the sample ratio is 0, else {@code null}. */
    UnsampledRoots unsampledRoots() {
      return unsampledRoots;
    }

    public ScouterTracer tracer() {
      return tracer;
    }

    public int captureMaxLength() {
      return captureMaxLength;
    }

    MethodPlan plan(Method method, Class<?> beanClass) {
      ConcurrentHashMap<Method, MethodPlan> byMethod = plans.get(beanClass);
      MethodPlan p = byMethod.get(method);
      if (p == null) {
        p = byMethod.computeIfAbsent(method, m -> MethodPlan.of(m, beanClass, captureMaxLength, redaction,
            captureUnnamed));
        if (p.namesMissing && warnedUnnamed.add(method.getDeclaringClass())) {
          LOG.warning(MethodPlan.unnamedWarning(method.getDeclaringClass(), captureUnnamed));
        }
      }
      return p;
    }
  }

  private final Instance<TracerConfigCustomizer> customizers;
  private final Instance<OpenTelemetry> runtimeOpenTelemetry;
  private volatile State state;
  private boolean owned;
  private TraceIdStamper stamper;
  /** The exporter counters as the runtime's OpenTelemetry metrics (runtime SDK mode), else {@code null}. */
  private io.scouter.cdi.internal.metrics.OtelExportMetrics runtimeMetrics;

  @Inject
  public ScouterBootstrap(Instance<TracerConfigCustomizer> customizers, Instance<OpenTelemetry> runtimeOpenTelemetry) {
    this.customizers = customizers;
    this.runtimeOpenTelemetry = runtimeOpenTelemetry;
  }

  /** For proxies only. */
  protected ScouterBootstrap() {
    this.customizers = null;
    this.runtimeOpenTelemetry = null;
  }

  void onStartup(@Observes Startup event) {
    state();
  }

  /** The started state, starting the tracer on first use. */
  public State state() {
    State s = state;
    return s != null ? s : start();
  }

  private synchronized State start() {
    if (state != null) {
      return state;
    }
    ConfigLookup cfg = ConfigLookup.detect();
    ScouterSettings settings = ScouterSettings.current(cfg);
    if (!settings.enabled()) {
      LOG.info("Scouter tracing is disabled (scouter.enabled=false)");
      state = new State(false, ScouterTracer.noop("disabled"), settings.captureMaxLength(), settings);
      return state;
    }
    ScouterTracer tracer;
    if (ScouterTracing.isInitialized()) {
      TracerConfig existing = ScouterTracing.config();
      tracer = ScouterTracing.getTracer(existing.serviceName());
      LOG.info("Scouter tracing: using the tracer the application already initialised (service "
          + existing.serviceName() + ")");
      state = new State(true, tracer, existing.captureMaxLength(), settings);
      return state;
    }
    SdkSelection.Choice sdk = SdkSelection.choose(settings.sdk(), runtimeOpenTelemetry, cfg);
    TracerConfig.Builder b = settings.builder();
    if (sdk.runtime() != null) {
      b.openTelemetry(sdk.runtime());
    }
    if (customizers != null) {
      for (TracerConfigCustomizer c : customizers) {
        c.customize(b);
      }
    }
    TracerConfig config = b.build();
    tracer = ScouterTracing.initTracer(config);
    owned = true;
    if (settings.julMessage()) {
      stamper = TraceIdStamper.install();
    }
    ShutdownOwner.container(); // the JVM hook now waits for the container's shutdown (below) instead of racing it
    if (config.openTelemetry() != null) {
      runtimeMetrics = io.scouter.cdi.internal.metrics.OtelExportMetrics.register(config.openTelemetry());
      LOG.info("Scouter tracing started: service=" + config.serviceName() + ", sdk=" + sdk.reason()
          + ", log-correlation=" + (config.logCorrelation() ? LogCorrelation.status() : "off")
          + "; spans are sampled and exported by the runtime"
          + (RuntimeSpanExporter.anyLive() ? " (its 'scouter' exporter sends them to Scouter)" : ""));
      if (!RuntimeSpanExporter.anyLive()) {
        LOG.warning("Scouter tracing runs on the runtime's OpenTelemetry, whose exporters do not include 'scouter': "
            + "spans reach only the runtime's exporters. Add scouter to otel.traces.exporter (e.g. "
            + "otel.traces.exporter=scouter,otlp), or set scouter.sdk=own");
      }
    } else {
      String line = "Scouter tracing started: service=" + config.serviceName() + ", sdk=" + sdk.reason()
          + ", transport=" + (config.transport() == null ? "none" : config.transport().type())
          + (config.exporter() == null ? "" : ", exporter=" + config.exporter().name())
          + (config.sampleRatio() == null ? "" : ", sample-ratio=" + config.sampleRatio())
          + ", log-correlation=" + (config.logCorrelation() ? LogCorrelation.status() : "off")
          + (stamper != null ? " + JUL messages" : "");
      if (sdk.warn()) {
        LOG.warning(line);
      } else {
        LOG.info(line);
      }
    }
    state = new State(true, tracer, config.captureMaxLength(), settings);
    return state;
  }

  /**
   * The container is stopping: delivers the spans (bounded by {@code scouter.shutdown-timeout}) while the application
   * is still whole. The queue's producer calls {@link #stop(ScouterQueue)} earlier, so that its records go first.
   */
  void containerStopping(@Observes(
      notifyObserver = Reception.IF_EXISTS) @Priority(20) @BeforeDestroyed(ApplicationScoped.class) Object event) {
    stop(null);
  }

  /** Shuts the tracer down if this container started it; a no-op the second time. */
  @PreDestroy
  synchronized void stop() {
    stop(null);
    state = null;
  }

  /**
   * Shuts {@code queue} down, then the tracer if this container started it, within one
   * {@code scouter.shutdown-timeout}, counting what neither could deliver in one warning
   * ({@link ScouterTracing#shutdown(ScouterQueue)}). Without the tracer, only the queue.
   *
   * @return whether the tracer was shut down here (else the caller still owns {@code queue}'s shutdown if non-null)
   */
  public synchronized boolean stop(ScouterQueue queue) {
    if (runtimeMetrics != null) {
      runtimeMetrics.close();
      runtimeMetrics = null;
    }
    if (stamper != null) {
      stamper.uninstall();
      stamper = null;
    }
    if (!owned) {
      return false;
    }
    owned = false;
    ScouterTracing.shutdown(queue);
    return true;
  }

  /** The tracer named after the service. */
  @Produces
  @Default
  @Dependent
  ScouterTracer tracer() {
    return state().tracer();
  }

  /** A tracer with the name given by {@link TracerName}. */
  @Produces
  @TracerName
  @Dependent
  ScouterTracer namedTracer(InjectionPoint injectionPoint) {
    State s = state();
    if (!s.enabled()) {
      return s.tracer();
    }
    for (Annotation q : injectionPoint.getQualifiers()) {
      if (q instanceof TracerName && !((TracerName) q).value().isEmpty()) {
        return ScouterTracing.getTracer(((TracerName) q).value());
      }
    }
    return s.tracer();
  }
}
