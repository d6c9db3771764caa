package io.scouter.bench;

import jakarta.enterprise.context.ApplicationScoped;

/** An application-scoped bean with the no-op interceptor. */
@ApplicationScoped
@NoopBinding
public class NoopBean {
  public Prediction score(Features features) {
    return Scoring.score(features);
  }
}
