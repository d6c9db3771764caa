package io.scouter.jaxrs.app;

import io.scouter.jaxrs.ScouterClientTracing;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.InvocationCallback;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/** "Service A": calls service B over real HTTP through each client style. */
@Path("/a")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class ServiceA {
  /** Traced plain JAX-RS client (what Quarkus and Payara need). */
  static final Client CLIENT = ScouterClientTracing.register(ClientBuilder.newBuilder()
      .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)).build();
  /** A plain client with only the filter registered (no wrapper). */
  static final Client FILTER_ONLY = ClientBuilder.newBuilder().register(io.scouter.jaxrs.ScouterClientFeature.class)
      .connectTimeout(2, TimeUnit.SECONDS).build();

  private static volatile OrdersClient mp;
  private static volatile OrdersClient mpRefused;

  static OrdersClient mp() {
    OrdersClient c = mp;
    if (c == null) {
      c = RestClientBuilder.newBuilder().baseUri(URI.create(TestServerInfo.baseUri())).build(OrdersClient.class);
      mp = c;
    }
    return c;
  }

  static OrdersClient mpRefused() {
    OrdersClient c = mpRefused;
    if (c == null) {
      c = RestClientBuilder.newBuilder().baseUri(URI.create(TestServerInfo.refusedUri()))
          .connectTimeout(2, TimeUnit.SECONDS).build(OrdersClient.class);
      mpRefused = c;
    }
    return c;
  }

  @GET
  @Path("/orders/{id}")
  public String order(@PathParam("id") String id) {
    return "A(" + CLIENT.target(TestServerInfo.baseUri()).path("b/orders/{id}").resolveTemplate("id", id)
        .queryParam("token", "s3cret").request().get(String.class) + ")";
  }

  @GET
  @Path("/received")
  public String received() {
    return CLIENT.target(TestServerInfo.baseUri()).path("b/received").request().get(String.class);
  }

  @GET
  @Path("/mp/orders/{id}")
  public String mpOrder(@PathParam("id") String id) {
    return "A(" + mp().order(id) + ")";
  }

  @GET
  @Path("/mp-async/orders/{id}")
  public CompletionStage<String> mpAsyncOrder(@PathParam("id") String id) {
    return mp().orderAsync(id).thenApply(s -> "A(" + s + ")");
  }

  @GET
  @Path("/async/orders/{id}")
  public String asyncOrder(@PathParam("id") String id) throws Exception {
    return "A(" + CLIENT.target(TestServerInfo.baseUri()).path("b/orders/" + id).request().async()
        .get(String.class).get(5, TimeUnit.SECONDS) + ")";
  }

  @GET
  @Path("/callback/orders/{id}")
  public String callbackOrder(@PathParam("id") String id) throws Exception {
    CompletableFuture<String> result = new CompletableFuture<>();
    CLIENT.target(TestServerInfo.baseUri()).path("b/orders/" + id).request().async()
        .get(new InvocationCallback<String>() {
          @Override
          public void completed(String s) {
            result.complete(s);
          }

          @Override
          public void failed(Throwable t) {
            result.completeExceptionally(t);
          }
        });
    return "A(" + result.get(5, TimeUnit.SECONDS) + ")";
  }

  @GET
  @Path("/rx/orders/{id}")
  public CompletionStage<String> rxOrder(@PathParam("id") String id) {
    return CLIENT.target(TestServerInfo.baseUri()).path("b/orders/" + id).request().rx().get(String.class)
        .thenApply(s -> "A(" + s + ")");
  }

  @GET
  @Path("/refused")
  public Response refused() {
    try {
      CLIENT.target(TestServerInfo.refusedUri()).path("b/orders/1").request().get(String.class);
      return Response.ok("unexpected").build();
    } catch (ProcessingException e) {
      return Response.status(502).entity("refused").build();
    }
  }

  @GET
  @Path("/refused-async")
  public Response refusedAsync() throws InterruptedException {
    try {
      CLIENT.target(TestServerInfo.refusedUri()).path("b/orders/1").request().async().get().get(5, TimeUnit.SECONDS);
      return Response.ok("unexpected").build();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      return Response.status(502).entity("refused").build();
    }
  }

  @GET
  @Path("/refused-filter-only")
  public Response refusedFilterOnly() {
    try {
      FILTER_ONLY.target(TestServerInfo.refusedUri()).path("b/orders/1").request().get(String.class);
      return Response.ok("unexpected").build();
    } catch (ProcessingException e) {
      return Response.status(502).entity("refused").build();
    }
  }

  @GET
  @Path("/mp-refused")
  public Response mpRefusedCall() {
    try {
      mpRefused().order("1");
      return Response.ok("unexpected").build();
    } catch (RuntimeException e) {
      return Response.status(502).entity("refused").build();
    }
  }

  @GET
  @Path("/mp-async-refused")
  public CompletionStage<Response> mpAsyncRefused() {
    return mpRefused().orderAsync("1").handle((s, e) -> e == null ? Response.ok("unexpected").build()
        : Response.status(502).entity("refused").build());
  }
}
