package io.scouter.cdi.internal.health;

import io.scouter.tracing.ExporterStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of the exporters as a readiness verdict, from their counters only (never blocks): DOWN when an exporter has
 * failed for longer than the threshold or its queue is full, with every counter in the data. Shared by the
 * MicroProfile Health check (Payara, Open Liberty) and SmallRye Health (Quarkus). Not a public API.
 */
public final class ExportHealth {
  /** The check's name. */
  public static final String NAME = "scouter";

  /**
   * The verdict.
   *
   * @param up whether every exporter is healthy
   * @param data the counters per exporter ({@code <exporter>.<counter>}), {@code reason} when DOWN
   */
  public record Verdict(boolean up, Map<String, Object> data) {}

  private ExportHealth() {}

  /** Judges {@code stats} ({@code ScouterTracing.stats()}) at {@code now}. */
  public static Verdict judge(Map<String, ExporterStats> stats, Duration failureThreshold, Instant now) {
    Map<String, Object> data = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (ExporterStats s : stats.values()) {
      String e = s.exporter();
      data.put(e + ".exported", s.exported());
      data.put(e + ".dropped", s.dropped());
      data.put(e + ".failed", s.failed());
      data.put(e + ".queued", (long) s.queued());
      data.put(e + ".retried", s.retried());
      data.put(e + ".sampled-out", s.sampledOut());
      data.put(e + ".shrunk", s.shrunk());
      if (s.failingSince() != null) {
        data.put(e + ".failing-since", s.failingSince().toString());
        Duration failing = s.failingFor(now);
        if (failing.compareTo(failureThreshold) > 0) {
          problems.add(e + " has been failing for " + human(failing) + " (since " + s.failingSince()
              + "; scouter.health.failure-threshold=" + human(failureThreshold) + ")");
        }
      }
      if (s.queueFull()) {
        problems.add(e + " queue is full (" + s.queueCapacity() + " spans; scouter.batch.max-queue-size)");
      }
    }
    if (!problems.isEmpty()) {
      data.put("reason", String.join("; ", problems));
    }
    return new Verdict(problems.isEmpty(), data);
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
