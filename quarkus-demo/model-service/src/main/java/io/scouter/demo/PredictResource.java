package io.scouter.demo;

import io.scouter.tracing.ScouterTracing;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.context.ManagedExecutor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The model-service API: GET /model/predict?text=...; the SERVER span comes from scouter-jaxrs-propagation and is
 * current in these (blocking, worker-thread) resource methods.
 */
@Path("/model")
@Produces(MediaType.APPLICATION_JSON)
public class PredictResource {

  @Inject
  ModelPipeline pipeline;

  @Inject
  ManagedExecutor executor;

  @GET
  @Path("/predict")
  public Prediction predict(@QueryParam("text") String text,
      @HeaderParam("X-Caller") @DefaultValue("anonymous") String caller) {
    Features features = pipeline.featurize(new PredictRequest(text, caller));
    double score = pipeline.score(features).toCompletableFuture().join();
    List<String> generated;
    try (Stream<String> tokens = pipeline.generate(text, score)) {
      generated = tokens.collect(Collectors.toList());
    }
    String label = score >= 0.6 ? "positive" : "neutral";
    pipeline.evaluate(text, String.join(" ", generated));
    return new Prediction(text, label, score, generated,
        ScouterTracing.tracingHeadersFromCurrentSpan().get("trace_id"));
  }

  /**
   * The featurize step on a thread of Quarkus's {@code ManagedExecutor}: MicroProfile Context Propagation carries the
   * trace there (Scouter's {@code ScouterTracing} thread context), so its span is a child of this request's SERVER span.
   */
  @GET
  @Path("/featurize-async")
  public Map<String, Object> featurizeAsync(@QueryParam("text") String text) throws Exception {
    AtomicReference<String> workerThread = new AtomicReference<>();
    Features features = executor.supplyAsync(() -> {
      workerThread.set(Thread.currentThread().getName());
      return pipeline.featurize(new PredictRequest(text, "featurize-async"));
    }).get(10, TimeUnit.SECONDS);
    Map<String, String> headers = ScouterTracing.tracingHeadersFromCurrentSpan();
    return Map.of("traceId", headers.get("trace_id"), "spanId", headers.get("span_id"), "tokens",
        features.tokens().size(), "callerThread", Thread.currentThread().getName(), "workerThread", workerThread.get());
  }

  @GET
  @Path("/health")
  @Produces(MediaType.TEXT_PLAIN)
  public String health() {
    return "ok";
  }
}
