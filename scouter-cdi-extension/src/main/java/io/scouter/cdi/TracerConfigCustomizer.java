package io.scouter.cdi;

import io.scouter.tracing.TracerConfig;

/**
 * A CDI bean that adjusts the tracer configuration built from MicroProfile Config before the tracer starts; every
 * customizer bean is applied.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class OtlpHeaders implements TracerConfigCustomizer {
 *   public void customize(TracerConfig.Builder builder) {
 *     builder.exporter(HttpSpanExporter.builder().exportConfig(vaultBackedConfig()).build());
 *   }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TracerConfigCustomizer {
  void customize(TracerConfig.Builder builder);
}
