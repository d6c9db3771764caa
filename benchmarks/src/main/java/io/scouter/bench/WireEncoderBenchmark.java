package io.scouter.bench;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.scouter.tracing.internal.wire.ScouterWireEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One export batch of 512 spans: Scouter's streaming JSON wire encoder against the OpenTelemetry OTLP protobuf
 * marshaler (what the OTLP exporters use), in the same run. SMALL spans have 2 attributes; MEDIUM spans have 10
 * attributes (captured input/output JSON among them) and one exception event.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class WireEncoderBenchmark {
  /** Spans per batch, the default {@code maxExportBatchSize}. */
  public static final int BATCH = 512;

  @Param({"SMALL", "MEDIUM"})
  public String size;

  private List<SpanData> batch;

  @Setup
  public void setUp() {
    batch = batch(new Random(42), BATCH, size.equals("MEDIUM"));
  }

  @Benchmark
  public byte[] scouterJson() {
    return ScouterWireEncoder.encode(batch);
  }

  @Benchmark
  public byte[] otlpProtobuf() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(BATCH * 256);
    TraceRequestMarshaler.create(batch).writeBinaryTo(out);
    return out.toByteArray();
  }

  static List<SpanData> batch(Random r, int n, boolean medium) {
    Resource resource = Resource.create(Attributes.builder().put("service.name", "bench")
        .put("scouter.scope", "scouter.tracer.bench").build());
    InstrumentationScopeInfo scope = InstrumentationScopeInfo.builder("bench").setVersion("1").build();
    List<SpanData> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String traceId = String.format("%016x%016x", r.nextLong(), r.nextLong() | 1);
      AttributesBuilder a = Attributes.builder().put("scouter.tracing.label", "model")
          .put("scouter.tracing.start_time", "2026-04-25T21:18:24.123460001+00:00");
      List<EventData> events = new ArrayList<>();
      if (medium) {
        a.put("scouter.tracing.input", "{\"features\":{\"id\":" + i + ",\"name\":\"n-" + i + "\",\"score\":0.5}}")
            .put("scouter.tracing.output", "{\"id\":" + i + ",\"label\":\"ok\",\"value\":1.5}")
            .put("scouter.tracing.tag.tier", "gold").put("baggage.scouter.tracing.tag.env", "prod")
            .put("request_size_bytes", 1024L).put("ratio", 0.25).put("cached", true)
            .put(AttributeKey.stringArrayKey("models"), List.of("a", "b"));
        events.add(EventData.create(1_777_151_904_150_000_000L, "exception", Attributes.builder()
            .put("exception.type", "java.lang.IllegalStateException").put("exception.message", "boom")
            .put("exception.stacktrace", "java.lang.IllegalStateException: boom\n\tat x.y.Z.m(Z.java:1)").build()));
      }
      Attributes attrs = a.build();
      out.add(TestSpanData.builder()
          .setSpanContext(SpanContext.create(traceId, String.format("%016x", r.nextLong() | 1),
              TraceFlags.getSampled(), TraceState.getDefault()))
          .setParentSpanContext(SpanContext.getInvalid())
          .setResource(resource).setInstrumentationScopeInfo(scope)
          .setName("Predictor.predict").setKind(SpanKind.INTERNAL)
          .setStartEpochNanos(1_777_151_904_123_456_789L).setEndEpochNanos(1_777_151_904_223_456_789L)
          .setAttributes(attrs).setTotalAttributeCount(attrs.size())
          .setEvents(events).setTotalRecordedEvents(events.size())
          .setStatus(medium ? StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, "boom")
              : StatusData.unset())
          .setHasEnded(true).build());
    }
    return out;
  }
}
