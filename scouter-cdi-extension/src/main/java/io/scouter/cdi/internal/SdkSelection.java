package io.scouter.cdi.internal;

import io.scouter.cdi.config.ConfigLookup;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import jakarta.enterprise.inject.Instance;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses between our own OpenTelemetry SDK and the runtime's ({@code scouter.sdk=auto|own|runtime}). The runtime's is
 * used when an {@link OpenTelemetry} bean exists and is enabled: MicroProfile Telemetry with
 * {@code otel.sdk.disabled=false} (the specification's default is disabled), or {@code quarkus-opentelemetry} unless
 * {@code quarkus.otel.sdk.disabled=true}, {@code quarkus.otel.enabled=false} or {@code quarkus.otel.traces.enabled=false}.
 * Not a public API.
 */
final class SdkSelection {
  private SdkSelection() {}

  /**
   * The decision and why, for the startup log line. @param warn whether the reason deserves a warning: the
   * configuration asks for the runtime's SDK but the runtime did not build one
   */
  record Choice(OpenTelemetry runtime, String reason, boolean warn) {
    Choice(OpenTelemetry runtime, String reason) {
      this(runtime, reason, false);
    }
  }

  static Choice choose(String mode, Instance<OpenTelemetry> candidates, ConfigLookup cfg) {
    if ("own".equals(mode)) {
      return new Choice(null, "own (scouter.sdk=own)");
    }
    Optional<String> disabledBy = disabledBy(cfg);
    OpenTelemetry runtime = null;
    String missing = null;
    boolean warn = false;
    if (candidates == null || candidates.isUnsatisfied()) {
      missing = "no OpenTelemetry bean (MicroProfile Telemetry or quarkus-opentelemetry is not installed)";
    } else if (candidates.isAmbiguous()) {
      missing = "more than one OpenTelemetry bean";
    } else if (disabledBy.isPresent()) {
      missing = "the runtime's OpenTelemetry is disabled (" + disabledBy.get() + ")";
    } else {
      runtime = candidates.get();
      if (isNoop(runtime)) {
        // the configuration enables it, so the runtime tried and failed (Open Liberty then hands out a no-op, e.g.
        // when otel.traces.exporter names an exporter its SDK cannot load)
        missing = "the runtime's OpenTelemetry is a no-op although "
            + (quarkus() ? "its configuration does not disable it" : "otel.sdk.disabled=false")
            + ": the runtime did not build its SDK, see its log (e.g. an exporter or propagator in "
            + "otel.traces.exporter/otel.propagators it could not load)";
        runtime = null;
        warn = true;
      }
    }
    if ("runtime".equals(mode) && runtime == null) {
      throw new IllegalArgumentException("Invalid Scouter configuration: scouter.sdk=runtime but " + missing
          + "; allowed values of scouter.sdk: auto, own, runtime");
    }
    return runtime != null
        ? new Choice(runtime, "runtime (" + mode + ": the runtime's OpenTelemetry bean)")
        : new Choice(null, "own (" + mode + ": " + missing + ")", warn);
  }

  /** Why the runtime's SDK is off, if configuration says so. */
  static Optional<String> disabledBy(ConfigLookup cfg) {
    if (quarkus()) {
      for (String key : new String[] {"quarkus.otel.sdk.disabled", "otel.sdk.disabled"}) {
        if (isTrue(cfg.get(key))) {
          return Optional.of(key + "=true");
        }
      }
      for (String key : new String[] {"quarkus.otel.enabled", "quarkus.otel.traces.enabled"}) {
        if (isFalse(cfg.get(key))) {
          return Optional.of(key + "=false");
        }
      }
      return Optional.empty();
    }
    // MicroProfile Telemetry: the SDK is disabled unless otel.sdk.disabled=false
    return isFalse(cfg.get("otel.sdk.disabled")) ? Optional.empty()
        : Optional.of("otel.sdk.disabled is not false");
  }

  static boolean isNoop(OpenTelemetry otel) {
    TracerProvider tp = otel.getTracerProvider();
    return tp == null || tp == TracerProvider.noop() || tp.getClass().getName().contains("Noop")
        || tp.getClass().getName().endsWith("DefaultTracerProvider");
  }

  private static boolean quarkus() {
    try {
      Class.forName("io.quarkus.runtime.Quarkus", false, SdkSelection.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static boolean isTrue(Optional<String> v) {
    return v.map(s -> s.trim().toLowerCase(Locale.ROOT)).filter("true"::equals).isPresent();
  }

  private static boolean isFalse(Optional<String> v) {
    return v.map(s -> s.trim().toLowerCase(Locale.ROOT)).filter("false"::equals).isPresent();
  }
}
