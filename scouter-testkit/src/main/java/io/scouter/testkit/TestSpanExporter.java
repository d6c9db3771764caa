package io.scouter.testkit;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scouter.tracing.SpanExporterConfig;
import io.scouter.tracing.TagRecord;
import io.scouter.tracing.TraceBaggageRecord;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.internal.ServerView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An in-memory exporter that decodes what it receives the way the Scouter server does: spans with kind names, parents
 * ({@code null} for roots), tag prefixes stripped and input/output parsed back to JSON, plus the tag and baggage rows.
 *
 * <pre>{@code
 * TestSpanExporter exporter = new TestSpanExporter();
 * ScouterTracing.initTracer(TracerConfig.builder().serviceName("test-service").transport(new MockConfig())
 *     .exporter(exporter).build());
 * ... run traced code ...
 * assertEquals("SERVER", exporter.span("handler").spanKind());
 * assertEquals(2, exporter.baggage().size());
 * }</pre>
 *
 * <p>By default each span is exported as it ends ({@code batchExport=false}, as the Python tests use it), so it is
 * visible as soon as the span is closed.
 */
public final class TestSpanExporter implements SpanExporterConfig {
  private final boolean batchExport;
  private final List<TraceSpanRecord> spans = new ArrayList<>();
  private final List<TagRecord> tags = new ArrayList<>();
  private final List<TraceBaggageRecord> baggage = new ArrayList<>();

  /** Exports each span as it ends. */
  public TestSpanExporter() {
    this(false);
  }

  /** @param batchExport {@code true} to go through a batch queue like a real exporter */
  public TestSpanExporter(boolean batchExport) {
    this.batchExport = batchExport;
  }

  @Override
  public String name() {
    return "test";
  }

  @Override
  public boolean batchExport() {
    return batchExport;
  }

  @Override
  public SpanExporter createSpanExporter() {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> batch) {
        ServerView.Batch view = ServerView.convert(batch);
        synchronized (TestSpanExporter.this) {
          spans.addAll(view.spans());
          tags.addAll(view.tags());
          baggage.addAll(view.baggage());
        }
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }

  /** The spans received so far, in export order. */
  public synchronized List<TraceSpanRecord> spans() {
    return List.copyOf(spans);
  }

  /** The tag rows received so far. */
  public synchronized List<TagRecord> tags() {
    return List.copyOf(tags);
  }

  /** The baggage rows received so far. */
  public synchronized List<TraceBaggageRecord> baggage() {
    return List.copyOf(baggage);
  }

  /** The only span with that name. @throws AssertionError if there is none or more than one */
  public TraceSpanRecord span(String name) {
    List<TraceSpanRecord> found = spans(s -> s.spanName().equals(name));
    if (found.size() != 1) {
      throw new AssertionError("expected exactly one span named '" + name + "' but found " + found.size()
          + " among " + spans().stream().map(TraceSpanRecord::spanName).collect(Collectors.toList()));
    }
    return found.get(0);
  }

  /** The spans matching a predicate. */
  public List<TraceSpanRecord> spans(Predicate<TraceSpanRecord> filter) {
    return spans().stream().filter(filter).collect(Collectors.toList());
  }

  /**
   * Waits until at least {@code count} spans arrived.
   *
   * @throws AssertionError if they do not arrive within {@code timeout}
   */
  public List<TraceSpanRecord> awaitSpans(int count, Duration timeout) {
    Await.until(count + " spans arrived", timeout, () -> spanCount() >= count, () -> "got "
        + spans().stream().map(TraceSpanRecord::spanName).collect(Collectors.toList()));
    return spans();
  }

  private synchronized int spanCount() {
    return spans.size();
  }

  /** Forgets everything received. */
  public synchronized void clear() {
    spans.clear();
    tags.clear();
    baggage.clear();
  }
}
