package io.scouter.queue.cdi;

import io.scouter.cdi.CurrentSpan;
import io.scouter.cdi.Traced;
import io.scouter.queue.EvalRecord;
import io.scouter.queue.Features;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** A traced bean that files an evaluation record for each answer, as an application would. */
@ApplicationScoped
public class AgentService {
  /** What a call did: the span's trace id and the record's uid. */
  public record Answer(String traceId, String recordUid, EvalRecord record) {}

  @Inject
  CurrentSpan span;

  @Traced("answer")
  public Answer answer(String alias, String question) {
    EvalRecord record = EvalRecord.builder().context(Map.of("input", question, "response", "42"))
        .sessionId("conversation-7").build();
    span.insertQueueItem(alias, record);
    return new Answer(span.traceId(), record.uid(), record);
  }

  @Traced("features")
  public void features(String alias) {
    span.insertQueueItem(alias, Features.of(Map.of("feature_0", 1)));
  }
}
