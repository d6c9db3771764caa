package io.scouter.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.scouter.tracing.internal.EnvDefault;
import io.scouter.tracing.internal.LocalCapture;
import io.scouter.tracing.internal.UnsampledRoots;
import io.scouter.tracing.internal.RuntimeTracer;
import io.scouter.tracing.internal.ScouterSampler;
import io.scouter.tracing.internal.StartAttributesProcessor;
import io.scouter.tracing.internal.export.BatchExportProcessor;
import io.scouter.tracing.internal.export.ExportProcessor;
import io.scouter.tracing.internal.export.ScouterProcessors;
import io.scouter.tracing.internal.export.RuntimeSpanExporter;
import io.scouter.tracing.internal.export.SimpleExportProcessor;
import io.scouter.tracing.internal.export.ScouterSpanCodec;
import io.scouter.tracing.internal.export.BatchSink;
import io.scouter.tracing.internal.export.OtelSpanSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** One initialised tracer provider with its exporters and local capture. */
final class TracingRuntime {
  private static final Logger LOG = Logger.getLogger(TracingRuntime.class.getName());
  static final String VERSION = readVersion();
  static final String SCOPE_VERSION = "scouter.tracer." + VERSION;

  final TracerConfig config;
  final SdkTracerProvider provider;
  final List<ExportProcessor> exporters;
  final LocalCapture capture = new LocalCapture();
  private final Map<String, ScouterTracer> tracers = new ConcurrentHashMap<>();
  /** With a sample ratio of 0 (no new trace is ever sampled): their spans, built without the SDK. */
  private final UnsampledRoots unsampledRoots;

  /** The runtime's OpenTelemetry in runtime SDK mode, else {@code null}. */
  final io.opentelemetry.api.OpenTelemetry runtimeSdk;

  private TracingRuntime(TracerConfig config) {
    this.config = config;
    this.runtimeSdk = config.openTelemetry();
    if (runtimeSdk != null) {
      // runtime SDK mode: the runtime samples and exports (the "scouter" exporter of its SDK sends to Scouter)
      this.exporters = List.of();
      this.provider = null;
      this.unsampledRoots = null;
      capture.disable();
      return;
    }
    List<ExportProcessor> list = new ArrayList<>(2);
    try {
      if (config.transport() != null) {
        BatchSink<SpanData> scouter = BatchSink.forTransport(config.transport(), ScouterSpanCodec.INSTANCE);
        list.add(config.batchExport()
            ? new BatchExportProcessor("scouter", scouter, null, config.batchConfig())
            : new SimpleExportProcessor("scouter", scouter, null, config.batchConfig().exportTimeoutMs()));
      }
      SpanExporterConfig second = config.exporter();
      if (second != null) {
        BatchSink<SpanData> exporter = new OtelSpanSink(second.name(), second.createSpanExporter(),
            config.batchConfig().exportTimeoutMs());
        Double ratio = exporterRatio(config, second);
        list.add(second.batchExport()
            ? new BatchExportProcessor(second.name(), exporter, ratio, config.batchConfig())
            : new SimpleExportProcessor(second.name(), exporter, ratio, config.batchConfig().exportTimeoutMs()));
      }
    } catch (RuntimeException e) {
      list.forEach(ExportProcessor::shutdown);
      throw e;
    }
    this.exporters = List.copyOf(list);
    Sampler root = config.sampleRatio() == null ? Sampler.alwaysOn() : Sampler.traceIdRatioBased(config.sampleRatio());
    SdkTracerProviderBuilder b = SdkTracerProvider.builder()
        .setResource(resource(config.serviceName()))
        .setSampler(new ScouterSampler(root))
        .setSpanLimits(SpanLimits.builder().setMaxNumberOfAttributes(128).setMaxNumberOfEvents(128)
            .setMaxNumberOfLinks(128).build())
        .addSpanProcessor(new ScouterProcessors(new StartAttributesProcessor(), atEnd()));
    this.provider = b.build();
    this.unsampledRoots = config.sampleRatio() != null && config.sampleRatio() == 0.0 ? new UnsampledRoots() : null;
  }

  /**
   * The second exporter's own ratio, as Scouter documents sampling: it thins only that exporter, unless a global ratio
   * is set, which decides for both exports and overrides it (ignored, with one warning).
   */
  static Double exporterRatio(TracerConfig config, SpanExporterConfig exporter) {
    Double own = exporter.sampleRatio();
    if (own != null && config.sampleRatio() != null) {
      LOG.warning("Scouter tracing: the " + exporter.name() + " exporter's sample ratio " + own
          + " is ignored: the global sample ratio " + config.sampleRatio()
          + " decides for both exports (scouter.sample-ratio overrides scouter.exporter.sample-ratio)");
      return null;
    }
    return own;
  }

  static TracingRuntime create(TracerConfig config) {
    return new TracingRuntime(config);
  }

  static Resource resource(String serviceName) {
    AttributesBuilder b = Attributes.builder();
    Resource.getDefault().getAttributes().forEach((k, v) -> {
      if (k.getKey().startsWith("telemetry.sdk.")) {
        b.put(k.getKey(), String.valueOf(v));
      }
    });
    parseResourceAttributes(EnvDefault.RESOURCE_ATTRIBUTES.value()).forEach(b::put);
    b.put("service.name", serviceName);
    b.put("scouter.scope", SCOPE_VERSION);
    return Resource.create(b.build());
  }

  static Map<String, String> parseResourceAttributes(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        try {
          out.put(pair.substring(0, eq).trim(),
              URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException ignored) {
          // skip a value that is not URL-encoded properly, as the OTel SDK does
        }
      }
    }
    return out;
  }

  /** The processors every span end goes to: local capture, then the exporters. */
  private List<SpanProcessor> atEnd() {
    List<SpanProcessor> list = new java.util.ArrayList<>();
    list.add(capture);
    list.addAll(exporters);
    return list;
  }

  ScouterTracer tracer(String name) {
    return tracers.computeIfAbsent(name, n -> {
      io.opentelemetry.api.trace.Tracer t = runtimeSdk != null
          ? new RuntimeTracer(runtimeSdk.tracerBuilder(n).setInstrumentationVersion(SCOPE_VERSION).build())
          : provider.tracerBuilder(n).setInstrumentationVersion(SCOPE_VERSION).build();
      if (unsampledRoots != null) {
        unsampledRoots.register(t);
      }
      return new ScouterTracer(n, t, config.captureMaxLength());
    });
  }

  boolean flush(long timeoutMs) {
    if (runtimeSdk != null) {
      // the runtime's span processor first (when it is an SDK we can see), then our queue behind its exporter
      boolean ok = true;
      try {
        if (runtimeSdk.getTracerProvider() instanceof SdkTracerProvider) {
          ok = ((SdkTracerProvider) runtimeSdk.getTracerProvider()).forceFlush()
              .join(timeoutMs, TimeUnit.MILLISECONDS).isSuccess();
        }
      } catch (LinkageError notOurSdk) {
        // the runtime's SDK classes are not visible here; only our queue can be flushed
      }
      return RuntimeSpanExporter.flushLive(timeoutMs) && ok;
    }
    CompletableResultCode r = provider.forceFlush().join(timeoutMs, TimeUnit.MILLISECONDS);
    return r.isSuccess();
  }

  /**
   * Delivers what is queued until {@code deadlineNanos}, then stops the provider.
   *
   * @return how many spans could not be delivered
   */
  int shutdown(long deadlineNanos) {
    long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    if (runtimeSdk != null) {
      flush(leftMs); // the runtime owns its SDK and shuts it down (and our exporter in it) itself
      return 0;
    }
    if (unsampledRoots != null) {
      unsampledRoots.stop();
    }
    int lost = 0;
    for (ExportProcessor p : exporters) {
      lost += p.shutdown(deadlineNanos);
    }
    // the exporters are stopped already (their second shutdown is a no-op): this ends the other processors
    provider.shutdown().join(leftMs, TimeUnit.MILLISECONDS);
    capture.disable();
    return lost;
  }

  Map<String, ExporterStats> stats() {
    Map<String, ExporterStats> m = new LinkedHashMap<>();
    for (ExportProcessor p : exporters) {
      m.put(p.name(), p.stats());
    }
    if (runtimeSdk != null) {
      int i = 0;
      for (ExporterStats s : RuntimeSpanExporter.liveStats()) {
        m.put(i++ == 0 ? s.exporter() : s.exporter() + "-" + i, s);
      }
    }
    return m;
  }

  private static String readVersion() {
    try (InputStream in = TracingRuntime.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }
}
