package io.scouter.demo;

import io.scouter.cdi.CurrentSpan;
import io.scouter.cdi.Traced;
import io.scouter.queue.EvalRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The traced steps of the "model". Every business method is a span (label {@code model}, tag
 * {@code model_version=v3} inherited by children as baggage) with its arguments as input and its result as output.
 */
@ApplicationScoped
@Traced(label = "model", tags = {"model_version=v3"})
public class ModelPipeline {
  private static final Logger LOG = Logger.getLogger(ModelPipeline.class);

  @Inject
  CurrentSpan span;

  /** Sync step with a record argument: input {"request": {...}}, output the Features. Throws for text "fail". */
  public Features featurize(PredictRequest request) {
    if (request.text() == null || request.text().isBlank() || request.text().equalsIgnoreCase("fail")) {
      throw new IllegalArgumentException("cannot featurize text '" + request.text() + "'");
    }
    List<String> tokens = Arrays.asList(request.text().trim().toLowerCase(Locale.ROOT).split("\\s+"));
    long upper = request.text().chars().filter(Character::isUpperCase).count();
    span.setTag("caller", request.caller());
    LOG.infof("featurize: %s", request.text()); // inside the @Traced span: the console line shows its ids
    span.addEvent("tokenized", Map.of("tokens", tokens.size()));
    return new Features(tokens, request.text().length(), (double) upper / request.text().length());
  }

  /** Async step: the span ends when the stage completes; output = the score. */
  @Traced(value = "score_async", label = "model", tags = {"tier=gold"})
  public CompletionStage<Double> score(Features features) {
    return CompletableFuture.supplyAsync(() -> {
      sleep(20);
      double positive = features.tokens().stream()
          .filter(t -> t.startsWith("good") || t.startsWith("great") || t.startsWith("love")).count();
      return Math.min(1.0, 0.5 + positive / Math.max(1, features.tokens().size()));
    });
  }

  /** Streaming step: the span ends when the stream is exhausted or closed; output = its last item. */
  @Traced(value = "generate", label = "model", captureLastStreamItem = true)
  public Stream<String> generate(String text, double score) {
    String label = score >= 0.6 ? "positive" : "neutral";
    return Stream.of("The", "text", "'" + text + "'", "looks", label + ".");
  }

  /** Sends an evaluation record to the "genai" queue; it carries the trace id. */
  public void evaluate(String text, String answer) {
    span.insertQueueItem("genai", EvalRecord.builder()
        .context(Map.of("input", text, "response", answer))
        .build()
        .addTag("source", "quarkus-demo"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
