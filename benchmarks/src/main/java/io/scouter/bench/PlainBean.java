package io.scouter.bench;

import jakarta.enterprise.context.ApplicationScoped;

/** An application-scoped bean without interceptors: measures the client proxy. */
@ApplicationScoped
public class PlainBean {
  public Prediction score(Features features) {
    return Scoring.score(features);
  }
}
