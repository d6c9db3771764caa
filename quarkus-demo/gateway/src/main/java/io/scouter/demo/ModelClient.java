package io.scouter.demo;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** MicroProfile Rest Client for model-service; traced automatically (CLIENT span + propagation headers). */
@RegisterRestClient(configKey = "model-service")
@Path("/model")
public interface ModelClient {
  @GET
  @Path("/predict")
  CompletionStage<JsonNode> predict(@QueryParam("text") String text, @HeaderParam("X-Caller") String caller);
}
