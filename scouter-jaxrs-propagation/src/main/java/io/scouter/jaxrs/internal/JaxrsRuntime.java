package io.scouter.jaxrs.internal;

import io.scouter.cdi.internal.ConfigLookup;
import io.scouter.cdi.internal.ScouterBootstrap;
import io.scouter.cdi.internal.ScouterSettings;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the filters get their tracer and settings. The tracer is the process-wide Scouter tracer named after the
 * service; when nothing has initialised it yet, the CDI bootstrap (if CDI is running) starts it from MicroProfile
 * Config. Without either the filters pass requests through untouched. Not a public API.
 */
public final class JaxrsRuntime {
  private static final Logger LOG = Logger.getLogger(JaxrsRuntime.class.getName());
  private static volatile Settings settings;
  private static volatile ScouterTracer disabled;
  private static volatile boolean cdiMissing;

  private JaxrsRuntime() {}

  /** The filters' configuration. */
  public record Settings(List<String> excludePaths, boolean captureBody, boolean sendW3c, boolean sendLegacy) {
    /** Whether {@code path} (with a leading '/') is an excluded path or below one. */
    public boolean excluded(String path) {
      if (path == null) {
        return false;
      }
      for (String p : excludePaths) {
        if (path.equals(p) || (path.startsWith(p) && (p.equals("/") || path.charAt(p.length()) == '/'))) {
          return true;
        }
      }
      return false;
    }
  }

  /** The settings, read once from MicroProfile Config (system properties and environment without it). */
  public static Settings settings() {
    Settings s = settings;
    if (s == null) {
      s = read();
      settings = s;
    }
    return s;
  }

  /** Forgets the settings read (tests). */
  public static void reset() {
    settings = null;
    disabled = null;
  }

  private static Settings read() {
    try {
      ScouterSettings s = ScouterSettings.read(ConfigLookup.detect());
      Set<String> p = s.propagation();
      return new Settings(s.jaxrsExcludePaths(), s.jaxrsCaptureBody(), p.contains("w3c"), p.contains("legacy"));
    } catch (IllegalArgumentException | IllegalStateException e) {
      // invalid configuration fails deployment through the CDI extension; here fall back to the defaults
      LOG.log(Level.WARNING, "Scouter JAX-RS filters: using default settings: " + e.getMessage());
      return new Settings(ScouterSettings.DEFAULT_JAXRS_EXCLUDE_PATHS, false, true, true);
    }
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
