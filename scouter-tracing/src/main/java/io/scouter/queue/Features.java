package io.scouter.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One observation of model features, for an SPC or PSI drift profile. Immutable. The twin of upstream's
 * {@code Features}.
 *
 * <pre>{@code
 * queue.get("credit_model").insert(Features.of(Map.of("age", 42, "income", 51_000.5, "region", "emea")));
 * }</pre>
 *
 * @param features the features, in order
 */
public record Features(List<Feature> features) implements QueueItem {

  public Features {
    features = List.copyOf(features);
  }

  /** Features from a list. */
  public static Features of(Feature... features) {
    return new Features(Arrays.asList(features));
  }

  /**
   * One feature per entry, typed as {@link Feature#of(String, Object)}.
   *
   * @throws IllegalArgumentException for a value that is not an integer, a float or a string
   */
  public static Features of(Map<String, ?> values) {
    List<Feature> list = new ArrayList<>(values.size());
    values.forEach((k, v) -> list.add(Feature.of(k, v)));
    return new Features(list);
  }

  @Override
  public EntityType entityType() {
    return EntityType.FEATURE;
  }
}
