package io.scouter.bench;

/** Not a bean: the direct-call baseline. */
public class PlainService {
  public Prediction score(Features features) {
    return Scoring.score(features);
  }
}
