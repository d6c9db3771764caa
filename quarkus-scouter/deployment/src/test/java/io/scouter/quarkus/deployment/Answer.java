package io.scouter.quarkus.deployment;

import java.util.List;

/** A @Traced method's return type in the tests, with a nested type. */
public record Answer(String label, List<Score> scores) {
  /** Nested in {@link Answer}: registered through the hierarchy. */
  public record Score(String name, double value) {}
}
