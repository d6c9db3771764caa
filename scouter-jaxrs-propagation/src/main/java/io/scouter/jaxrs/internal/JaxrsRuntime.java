package io.scouter.jaxrs.internal;

import io.scouter.cdi.internal.ScouterBootstrap;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import java.lang.ref.WeakReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the filters get their tracer and settings. The tracer is the process-wide Scouter tracer named after the
 * service; when nothing has initialised it yet, the CDI bootstrap (if CDI is running) starts it from MicroProfile
 * Config. Without either the filters pass requests through untouched. Not a public API.
 */
public final class JaxrsRuntime {
  private static final Logger LOG = Logger.getLogger(JaxrsRuntime.class.getName());
  private static volatile Last last;
  private static volatile ScouterTracer disabled;
  private static volatile boolean cdiMissing;

  private JaxrsRuntime() {}

  /** The settings last handed out, and the context class loader (the application) they were read for. */
  private record Last(WeakReference<ClassLoader> loader, JaxrsSettings settings) {}

  /**
   * The filters' settings for the calling application ({@link JaxrsSettings#current()}, parsed once per application);
   * the last application's are kept for the next call from the same context class loader, the usual case on a
   * request thread.
   */
  public static JaxrsSettings settings() {
    Last l = last;
    ClassLoader tccl = Thread.currentThread().getContextClassLoader();
    if (l != null && l.loader.get() == tccl) {
      return l.settings;
    }
    JaxrsSettings s;
    try {
      s = JaxrsSettings.current();
    } catch (IllegalArgumentException | IllegalStateException e) {
      // invalid configuration fails deployment through the JAX-RS CDI extension; here fall back to the defaults
      LOG.log(Level.WARNING, "Scouter JAX-RS filters: using default settings: " + e.getMessage());
      s = JaxrsSettings.DEFAULTS;
    }
    last = new Last(new WeakReference<>(tccl), s);
    return s;
  }

  /** Forgets the settings read (tests). */
  public static void reset() {
    last = null;
    disabled = null;
  }

  /**
   * Whether the tracer runs on the runtime's OpenTelemetry (runtime SDK mode): the runtime then creates the HTTP
   * SERVER and CLIENT spans and propagates context (with the {@code scouter} propagator for the legacy headers), so
   * the filters stand aside instead of creating duplicates.
   */
  public static boolean runtimeSdk() {
    if (!ScouterTracing.isInitialized()) {
      tracer(); // starts the CDI bootstrap if it has not run yet
    }
    try {
      return ScouterTracing.isInitialized() && ScouterTracing.config().openTelemetry() != null;
    } catch (IllegalStateException shutDownMeanwhile) {
      return false;
    }
  }

  /** The tracer to use, or {@code null} when tracing is not available. */
  public static ScouterTracer tracer() {
    if (ScouterTracing.isInitialized()) {
      try {
        return ScouterTracing.getTracer(ScouterTracing.config().serviceName());
      } catch (IllegalStateException shutDownMeanwhile) {
        return null;
      }
    }
    ScouterTracer d = disabled;
    if (d != null) {
      return d;
    }
    return fromCdi();
  }

  private static ScouterTracer fromCdi() {
    if (cdiMissing) {
      return null;
    }
    try {
      ScouterBootstrap.State state = jakarta.enterprise.inject.spi.CDI.current().select(ScouterBootstrap.class).get()
          .state();
      ScouterTracer t = state.tracer();
      if (!ScouterTracing.isInitialized()) {
        disabled = t; // scouter.enabled=false: a no-op tracer, no need to ask CDI again
      }
      return t;
    } catch (LinkageError e) {
      cdiMissing = true;
      return null;
    } catch (RuntimeException e) {
      // no CDI container on this thread, or the bootstrap bean is not deployed
      LOG.log(Level.FINE, "Scouter JAX-RS filters: no tracer available yet", e);
      return null;
    }
  }
}
