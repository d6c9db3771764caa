package io.scouter.jaxrs.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** "Service B": the downstream service. */
@Path("/b")
@RequestScoped
public class ServiceB {
  private static final Executor LATER = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);

  @Inject
  Inventory inventory;

  @GET
  @Path("/orders/{id}")
  @Produces(MediaType.TEXT_PLAIN)
  public String order(@PathParam("id") String id) {
    return inventory.lookup(id);
  }

  @GET
  @Path("/orders/{id: [0-9]+}/lines/{line}")
  @Produces(MediaType.TEXT_PLAIN)
  public String line(@PathParam("id") String id, @PathParam("line") String line) {
    return id + "/" + line;
  }

  @GET
  @Path("/headers")
  @Produces(MediaType.TEXT_PLAIN)
  public String headers() {
    return lines(inventory.headers());
  }

  /** {@code name=value} lines, sorted by name. */
  static String lines(Map<String, String> m) {
    StringBuilder sb = new StringBuilder();
    new java.util.TreeMap<>(m).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  /** The propagation headers this request arrived with. */
  @GET
  @Path("/received")
  @Produces(MediaType.TEXT_PLAIN)
  public String received(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders h) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (String name : new String[] {"trace_id", "span_id", "is_sampled", "traceparent", "tracestate"}) {
      java.util.List<String> v = h.getRequestHeader(name);
      if (v != null) {
        out.put(name, String.join("|", v));
      }
    }
    return lines(out);
  }

  @GET
  @Path("/fail")
  public Response fail() {
    return Response.serverError().entity("failed").type(MediaType.TEXT_PLAIN).build();
  }

  @GET
  @Path("/missing")
  public Response missing() {
    return Response.status(404).build();
  }

  @GET
  @Path("/boom/{id}")
  public String boom(@PathParam("id") String id) {
    throw new BoomException("boom " + id);
  }

  @GET
  @Path("/unmapped/{id}")
  public String unmapped(@PathParam("id") String id) {
    throw new IllegalStateException("unmapped " + id);
  }

  @GET
  @Path("/suspended/{id}")
  @Produces(MediaType.TEXT_PLAIN)
  public void suspended(@PathParam("id") String id, @Suspended AsyncResponse response) {
    // the server span is current here: carry it to the thread that resumes
    Runnable resume = () -> response.resume(inventory.lookup(id));
    CompletableFuture.runAsync(io.opentelemetry.context.Context.current().wrap(resume), LATER);
  }

  @GET
  @Path("/stage/{id}")
  @Produces(MediaType.TEXT_PLAIN)
  public CompletionStage<String> stage(@PathParam("id") String id) {
    return CompletableFuture.supplyAsync(() -> "stage-" + id, LATER);
  }

  @POST
  @Path("/echo")
  @Consumes(MediaType.TEXT_PLAIN)
  @Produces(MediaType.TEXT_PLAIN)
  public String echo(String body) {
    return body.toUpperCase(java.util.Locale.ROOT);
  }

  @Path("/customers/{cid}")
  public CustomerResource customer(@PathParam("cid") String cid) {
    return new CustomerResource(cid);
  }
}
