package io.scouter.it.sample;

import io.scouter.cdi.CurrentSpan;
import io.scouter.cdi.Traced;
import io.scouter.queue.EvalRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Model monitoring: a traced answer whose evaluation record goes into the {@code genai} queue of
 * {@code scouter-queue-cdi} (profile {@code profiles/it_genai_profile.json}, see {@code microprofile-config.properties});
 * the record carries the span's trace id to the Scouter server.
 */
@ApplicationScoped
public class EvaluationService {
  @Inject
  CurrentSpan span;

  /** Answers {@code question} and queues its evaluation record; returns the record's uid. */
  @Traced(label = "genai")
  public String answer(String question) {
    EvalRecord record = EvalRecord.of(Map.of("input", question, "response", "answer to " + question));
    span.insertQueueItem("genai", record);
    return record.uid();
  }
}
