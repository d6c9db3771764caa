package io.scouter.demo.otel;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** Quarkus creates the SERVER spans here; the traced pipeline and the REST client call run inside them. */
@Path("/coexist")
public class CoexistResource {
  @Inject
  ScoringPipeline pipeline;

  @GET
  @Path("/predict")
  public String predict(@QueryParam("x") double x) {
    return Double.toString(pipeline.score(new ScoringPipeline.Features(x, "m1")));
  }

  @GET
  @Path("/echo")
  public String echo(@QueryParam("text") String text) {
    return text == null ? "" : text;
  }
}
