package io.scouter.jaxrs.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/** MicroProfile Rest Client interface of service B. */
@Path("/b")
@Produces(MediaType.TEXT_PLAIN)
public interface OrdersClient {
  @GET
  @Path("/orders/{id}")
  String order(@PathParam("id") String id);

  @GET
  @Path("/orders/{id}")
  CompletionStage<String> orderAsync(@PathParam("id") String id);
}
