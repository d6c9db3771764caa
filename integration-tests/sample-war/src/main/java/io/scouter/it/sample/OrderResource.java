package io.scouter.it.sample;

import io.scouter.cdi.CurrentSpan;
import io.scouter.jaxrs.ScouterClientTracing;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The entry point: {@code GET /api/orders/{id}} calls the traced {@link PricingService} (sync, opted-out, async) and
 * then {@code GET /api/stock/{item}} of the same application over a real HTTP hop with a plain JAX-RS client wrapped by
 * {@link ScouterClientTracing#register(Client)}; {@code GET /api/orders/{id}/reject} calls the throwing method.
 * Both answer with the trace id, so a test can look the trace up in the Scouter server.
 */
@Path("/orders")
@RequestScoped
public class OrderResource {
  @Inject
  PricingService pricing;

  @Inject
  CurrentSpan span;

  @Context
  UriInfo uriInfo;

  /** The whole traced flow; JSON with the trace id and what each step returned. */
  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public String order(@PathParam("id") String id, @QueryParam("items") @DefaultValue("apple") String items)
      throws Exception {
    Order order = new Order(id, List.of(items.split(",")), 2);
    Quote quote = pricing.quote(order, "s3cr3t-token");
    String health = pricing.health();
    Quote doubled = pricing.quoteAsync(order).toCompletableFuture().get(10, TimeUnit.SECONDS);
    String stock;
    Client client = ScouterClientTracing.register(ClientBuilder.newClient());
    try {
      stock = client.target(uriInfo.getBaseUri()).path("stock/{item}").resolveTemplate("item", order.items().get(0))
          .request(MediaType.TEXT_PLAIN).get(String.class);
    } finally {
      client.close();
    }
    return "{\"traceId\":\"" + span.traceId() + "\",\"spanId\":\"" + span.spanId() + "\",\"total\":" + quote.total()
        + ",\"asyncTotal\":" + doubled.total() + ",\"stock\":" + stock + ",\"health\":\"" + health + "\"}";
  }

  /** The failing flow: 409 with the trace id and the exception's message. */
  @GET
  @Path("/{id}/reject")
  @Produces(MediaType.APPLICATION_JSON)
  public Response reject(@PathParam("id") String id) {
    try {
      pricing.reject(new Order(id, List.of("lead"), 1));
      return Response.ok("{}").build();
    } catch (OutOfStockException e) {
      return Response.status(Response.Status.CONFLICT)
          .entity("{\"traceId\":\"" + span.traceId() + "\",\"error\":\"" + e.getMessage() + "\"}").build();
    }
  }
}
