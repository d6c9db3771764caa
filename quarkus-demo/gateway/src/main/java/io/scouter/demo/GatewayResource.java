package io.scouter.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.jaxrs.ScouterClientTracing;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * GET /predict?text=...: a SERVER span with two CLIENT calls to model-service, one trace across both services.
 *
 * <p>Non-blocking ({@code CompletionStage}): both calls start on the request thread, where the SERVER span is current
 * (on Quarkus REST a blocking endpoint runs on a worker thread without it; see the quarkus-demo README).
 */
@Path("/predict")
@Produces(MediaType.APPLICATION_JSON)
public class GatewayResource {
  private static final Logger LOG = Logger.getLogger(GatewayResource.class);

  @Inject
  @RestClient
  ModelClient model;

  @ConfigProperty(name = "quarkus.rest-client.model-service.url")
  String modelServiceUrl;

  /** A plain JAX-RS client: Quarkus does not apply @Provider client filters to it, so it is wrapped explicitly. */
  private final Client plainClient = ScouterClientTracing.register(ClientBuilder.newClient());

  @GET
  public CompletionStage<Response> predict(@QueryParam("text") String text) {
    LOG.infof("gateway predict: %s", text); // inside the SERVER span: the console line shows its trace_id
    // 1) the plain JAX-RS client path (rx(): the wrapper carries the caller's span to the CLIENT span)
    CompletionStage<String> health = plainClient.target(modelServiceUrl).path("model/health")
        .request(MediaType.TEXT_PLAIN).rx().get(String.class);
    // 2) the MicroProfile Rest Client path
    CompletionStage<JsonNode> prediction = model.predict(text, "gateway");
    return health.thenCombine(prediction.handle((p, error) -> error == null ? p : (Object) error), (h, p) -> {
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("model_service", h);
      if (!(p instanceof Throwable error)) {
        reply.put("prediction", p);
        return Response.ok(reply).build();
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof WebApplicationException wae) {
        // model-service refused the input (its step span is ERROR); the gateway passes 422 on, anything else is 502
        int status = wae.getResponse().getStatus();
        reply.put("error", "model-service answered " + status);
        try {
          reply.put("detail", wae.getResponse().readEntity(JsonNode.class));
        } catch (RuntimeException ignored) {
          // no body
        }
        return Response.status(status == 422 ? 422 : 502).entity(reply).build();
      }
      reply.put("error", "model-service not reachable: " + cause);
      return Response.status(502).entity(reply).build();
    });
  }

  @PreDestroy
  void close() {
    plainClient.close();
  }
}
