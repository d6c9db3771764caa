package io.scouter.quarkus.runtime.internal;

import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.ScouterTracing;
import java.util.ArrayList;
import java.util.List;

/**
 * The Dev UI's JSON-RPC service: the exporter counters of {@link ScouterTracing#stats()}, one entry per exporter. Not
 * a public API.
 */
public class ScouterStatsService {
  /** The counters of every exporter, in the order the tracer lists them. */
  public List<ExporterStats> stats() {
    return new ArrayList<>(ScouterTracing.stats().values());
  }
}
