package io.scouter.queue;

import java.util.Locale;
import java.util.Objects;

/**
 * One named metric value for a custom metric profile. The name is lowercased, as upstream's {@code Metric}.
 *
 * <pre>{@code
 * queue.get("quality").insert(Metrics.of(new Metric("mae", 0.12), new Metric("mape", 3.4)));
 * }</pre>
 *
 * @param name the metric name, lowercased
 * @param value the value, a finite number (the server cannot store NaN or infinity)
 */
public record Metric(String name, double value) {

  public Metric {
    Objects.requireNonNull(name, "name");
    name = name.toLowerCase(Locale.ROOT);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("metric '" + name + "' must be a finite number, was " + value);
    }
  }
}
