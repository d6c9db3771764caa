package io.scouter.cdi.internal.metrics;

import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.ScouterTracing;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The exporter counters as meters, one list for every metrics API (Micrometer, MicroProfile Metrics): each meter is
 * registered once per exporter (tag {@code exporter}) and reads {@link ScouterTracing#stats()} when it is scraped, so
 * nothing is counted twice and nothing blocks. Not a public API.
 */
public final class ExportMeters {
  /** Tag naming the exporter ({@code scouter}, {@code otlp-http}, ...). */
  public static final String EXPORTER_TAG = "exporter";
  /** Tag of {@code scouter.export.spans} naming where the spans ended. */
  public static final String OUTCOME_TAG = "outcome";

  /** A monotonic count, or a value that goes up and down. */
  public enum Kind {
    COUNTER,
    GAUGE
  }

  /**
   * One meter.
   *
   * @param name the meter name (dotted; Prometheus shows {@code scouter_export_spans_total})
   * @param description its description
   * @param kind counter or gauge
   * @param outcome the {@code outcome} tag, or {@code null} for none
   * @param value reads it from one exporter's counters
   */
  public record Meter(String name, String description, Kind kind, String outcome,
      ToLongFunction<ExporterStats> value) {
    /** The current value for {@code exporter}; NaN once the exporter is gone (tracer shut down). */
    public double read(String exporter) {
      ExporterStats s = ScouterTracing.stats().get(exporter);
      return s == null ? Double.NaN : value.applyAsLong(s);
    }
  }

  private static final String SPANS = "scouter.export.spans";
  private static final String SPANS_DESCRIPTION = "Spans handed to a Scouter exporter, by outcome";

  /** Every meter, in registration order. */
  public static final List<Meter> METERS = List.of(
      new Meter(SPANS, SPANS_DESCRIPTION, Kind.COUNTER, "exported", ExporterStats::exported),
      new Meter(SPANS, SPANS_DESCRIPTION, Kind.COUNTER, "dropped", ExporterStats::dropped),
      new Meter(SPANS, SPANS_DESCRIPTION, Kind.COUNTER, "failed", ExporterStats::failed),
      new Meter(SPANS, SPANS_DESCRIPTION, Kind.COUNTER, "sampled-out", ExporterStats::sampledOut),
      new Meter("scouter.export.queued", "Spans waiting in a Scouter exporter's queue", Kind.GAUGE, null,
          ExporterStats::queued),
      new Meter("scouter.export.retries", "Transport attempts a Scouter exporter retried", Kind.COUNTER, null,
          ExporterStats::retried),
      new Meter("scouter.export.shrunk", "Spans too big for one message, sent with captured values cut further",
          Kind.COUNTER, null, ExporterStats::shrunk));

  private ExportMeters() {}
}
