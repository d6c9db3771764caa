package io.scouter.tracing;

/**
 * What the two OTLP exporter configurations (values, not exporters) share: endpoint settings, batching and the per-exporter sample ratio.
 * Use {@link HttpSpanExporter} or {@link GrpcSpanExporter}.
 *
 * <pre>{@code
 * SpanExporterConfig otlp = GrpcSpanExporter.builder().exportConfig(OtelExportConfig.builder().endpoint(url).build())
 *     .sampleRatio(0.25).build();
 * }</pre>
 */
public abstract class OtlpExporterConfig implements SpanExporterConfig {
  private final OtelExportConfig exportConfig;
  private final boolean batchExport;
  private final Double sampleRatio;

  OtlpExporterConfig(Builder<?> b) {
    this.exportConfig = b.exportConfig != null ? b.exportConfig : OtelExportConfig.builder().build();
    this.batchExport = b.batchExport;
    this.sampleRatio = TracerConfig.checkRatio(b.sampleRatio, "sampleRatio");
  }

  @Override
  public boolean batchExport() {
    return batchExport;
  }

  @Override
  public Double sampleRatio() {
    return sampleRatio;
  }

  /** Endpoint, headers, compression and timeout. */
  public OtelExportConfig exportConfig() {
    return exportConfig;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + exportConfig + ", batchExport=" + batchExport + ", sampleRatio="
        + sampleRatio + "}";
  }

  /**
   * Shared builder methods.
   *
   * @param <B> the concrete builder
   */
  public abstract static class Builder<B extends Builder<B>> {
    private OtelExportConfig exportConfig;
    private boolean batchExport = true;
    private Double sampleRatio;

    Builder() {}

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    /** Endpoint, headers, compression, timeout; default from the {@code OTEL_EXPORTER_OTLP_*} variables. */
    public B exportConfig(OtelExportConfig exportConfig) {
      this.exportConfig = exportConfig;
      return self();
    }

    /** {@code false} exports each span as it ends; default {@code true}. */
    public B batchExport(boolean batchExport) {
      this.batchExport = batchExport;
      return self();
    }

    /** Fraction of the sampled traces this exporter keeps, by trace id; default all. */
    public B sampleRatio(double sampleRatio) {
      this.sampleRatio = sampleRatio;
      return self();
    }
  }
}
