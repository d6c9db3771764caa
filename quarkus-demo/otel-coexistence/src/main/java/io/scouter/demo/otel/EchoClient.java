package io.scouter.demo.otel;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** MicroProfile Rest Client to this app's own echo resource (a real HTTP hop, traced by quarkus-opentelemetry). */
@RegisterRestClient(configKey = "echo")
@Path("/coexist")
public interface EchoClient {
  @GET
  @Path("/echo")
  String echo(@QueryParam("text") String text);
}
