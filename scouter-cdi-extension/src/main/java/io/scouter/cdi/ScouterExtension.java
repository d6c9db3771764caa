package io.scouter.cdi;

import io.scouter.cdi.internal.ScouterBootstrap;
import io.scouter.cdi.config.ScouterSettings;
import io.scouter.cdi.internal.TracedInterceptor;
import io.scouter.cdi.internal.concurrent.AsynchronousTraceCapture;
import io.scouter.cdi.internal.concurrent.AsynchronousTraceRestore;
import io.scouter.cdi.internal.health.ScouterReadinessCheck;
import io.scouter.cdi.internal.metrics.MpExportMetrics;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessSyntheticAnnotatedType;
import java.util.ArrayList;
import java.util.List;

/**
 * The portable CDI extension (Weld, OpenWebBeans: Payara, Open Liberty, WildFly): adds the {@link Traced}
 * interceptor and the producers, and fails deployment on invalid configuration. Registered through
 * {@code META-INF/services}; the library jar has no {@code beans.xml}, so nothing is registered twice.
 *
 * <pre>{@code
 * // nothing to do in an application: add the jar, annotate beans with @Traced
 * }</pre>
 *
 * <p>Quarkus (ArC) ignores portable extensions and runs {@link ScouterBuildCompatibleExtension} instead.
 */
public class ScouterExtension implements Extension {
  static {
    // log correlation hooks OpenTelemetry's context storage, which works only before its first use: the container
    // loads extensions before any application code runs
    io.scouter.tracing.internal.log.LogCorrelation.install();
  }

  /** The classes the library contributes as beans. */
  static final List<Class<?>> BEAN_CLASSES = beanClasses(false);

  /**
   * The bean classes for this runtime: the interceptor and producers, and the optional parts whose APIs are present.
   *
   * @param quarkus for ArC ({@link ScouterBuildCompatibleExtension}): only the core beans; the Quarkus extension
   *     {@code quarkus-scouter} adds the readiness check and the Micrometer meters where Quarkus has SmallRye Health
   *     and Micrometer
   */
  static List<Class<?>> beanClasses(boolean quarkus) {
    List<Class<?>> classes = new ArrayList<>(List.of(TracedInterceptor.class, ScouterBootstrap.class,
        CurrentSpan.class));
    if (present("jakarta.enterprise.concurrent.Asynchronous")) {
      // the trace into Jakarta Concurrency @Asynchronous methods (Payara, Open Liberty)
      classes.add(AsynchronousTraceCapture.class);
      classes.add(AsynchronousTraceRestore.class);
    }
    if (!quarkus && present("org.eclipse.microprofile.health.HealthCheck")) {
      // the 'scouter' readiness check (Payara, Open Liberty with mpHealth)
      classes.add(ScouterReadinessCheck.class);
    }
    if (!quarkus && present("org.eclipse.microprofile.metrics.MetricRegistry")) {
      // the exporter counters as MicroProfile Metrics (Payara, Open Liberty with mpMetrics)
      classes.add(MpExportMetrics.class);
    }
    return List.copyOf(classes);
  }

  static boolean present(String className) {
    try {
      Class.forName(className, false, ScouterExtension.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  void addBeans(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
    for (Class<?> c : BEAN_CLASSES) {
      event.addAnnotatedType(beanManager.createAnnotatedType(c), ScouterExtension.class.getName() + "#"
          + c.getSimpleName());
    }
  }

  /**
   * If the library's classes are also discovered from a bean archive (the jar repackaged with a {@code beans.xml}, or
   * a test container scanning injection points), keep only the copy this extension added, so no bean or interceptor
   * is registered twice.
   */
  void vetoDuplicates(@Observes ProcessAnnotatedType<?> event) {
    if (!(event instanceof ProcessSyntheticAnnotatedType)
        && BEAN_CLASSES.contains(event.getAnnotatedType().getJavaClass())) {
      event.veto();
    }
  }

  void validate(@Observes AfterDeploymentValidation event) {
    try {
      ScouterSettings.current(); // parsed here once; the bootstrap and the others reuse it
    } catch (IllegalArgumentException e) {
      event.addDeploymentProblem(e);
    }
  }
}
