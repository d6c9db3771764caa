package io.scouter.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One set of metric values for a custom metric profile. Immutable. The twin of upstream's {@code Metrics}.
 *
 * <pre>{@code
 * queue.get("quality").insert(Metrics.of(Map.of("mae", 0.12, "mape", 3.4)));
 * }</pre>
 *
 * @param metrics the metrics, in order
 */
public record Metrics(List<Metric> metrics) implements QueueItem {

  public Metrics {
    metrics = List.copyOf(metrics);
  }

  public static Metrics of(Metric... metrics) {
    return new Metrics(Arrays.asList(metrics));
  }

  /** One metric per entry. @throws IllegalArgumentException for a non-finite value */
  public static Metrics of(Map<String, ? extends Number> values) {
    List<Metric> list = new ArrayList<>(values.size());
    values.forEach((k, v) -> list.add(new Metric(k, v.doubleValue())));
    return new Metrics(list);
  }

  @Override
  public EntityType entityType() {
    return EntityType.METRIC;
  }
}
