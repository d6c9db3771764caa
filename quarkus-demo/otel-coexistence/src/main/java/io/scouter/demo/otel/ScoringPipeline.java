package io.scouter.demo.otel;

import io.scouter.cdi.CurrentSpan;
import io.scouter.cdi.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** A traced step between Quarkus's SERVER span and its REST Client CLIENT span. */
@ApplicationScoped
public class ScoringPipeline {
  /** The captured input. */
  public record Features(double x, String model) {}

  @Inject
  @RestClient
  EchoClient echo;

  @Inject
  CurrentSpan span;

  @Traced(value = "score", tags = {"stage=scoring"})
  public double score(Features features) {
    span.setTag("model", features.model());
    String echoed = echo.echo(features.model());
    return features.x() * 2 + echoed.length();
  }
}
