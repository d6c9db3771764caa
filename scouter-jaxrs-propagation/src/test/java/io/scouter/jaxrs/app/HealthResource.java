package io.scouter.jaxrs.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** An excluded path (default scouter.jaxrs.exclude-paths). */
@Path("/health")
public class HealthResource {
  @GET
  public String health() {
    return "UP";
  }

  @GET
  @Path("live")
  public String live() {
    return "LIVE";
  }
}
