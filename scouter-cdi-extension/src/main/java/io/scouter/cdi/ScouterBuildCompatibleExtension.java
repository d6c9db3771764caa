package io.scouter.cdi;

import io.scouter.cdi.config.ScouterSettings;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.Discovery;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Validation;

/**
 * The build-compatible twin of {@link ScouterExtension} for Quarkus ArC. It is skipped wherever the portable extension
 * runs ({@link SkipIfPortableExtensionPresent}), so exactly one of the two registers the beans.
 *
 * <pre>{@code
 * // Quarkus: add the dependency; ArC discovers this extension through META-INF/services
 * }</pre>
 */
@SkipIfPortableExtensionPresent(ScouterExtension.class)
public class ScouterBuildCompatibleExtension implements BuildCompatibleExtension {
  static {
    // log correlation hooks OpenTelemetry's context storage, which works only before its first use: the container
    // loads extensions before any application code runs
    io.scouter.tracing.internal.log.LogCorrelation.install();
  }

  @Discovery
  public void addBeans(ScannedClasses classes) {
    for (Class<?> c : ScouterExtension.beanClasses(true)) {
      classes.add(c.getName());
    }
    if (present(io.scouter.cdi.internal.otel.QuarkusScouterExport.QUARKUS_OTEL_CLASS)) {
      // quarkus-opentelemetry: its spans also go to Scouter, through a span processor next to its own exporters
      classes.add(io.scouter.cdi.internal.otel.QuarkusScouterExport.class.getName());
    }
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, ScouterBuildCompatibleExtension.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Validation
  public void validate(Messages messages) {
    try {
      ScouterSettings.current(); // parsed here once; the bootstrap and the others reuse it
    } catch (IllegalArgumentException e) {
      messages.error(e.getMessage());
    }
  }
}
