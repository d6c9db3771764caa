package io.scouter.bench;

/** The work measured in every benchmark: cheap, allocation-light, not foldable by the JIT. */
final class Scoring {
  private Scoring() {}

  static Prediction score(Features f) {
    double v = f.score() * 1.5 + f.name().length();
    return new Prediction(f.id(), v > 10 ? "high" : "low", v);
  }
}
