package io.scouter.queue;

/**
 * Something a {@link QueueBus} accepts: an {@link EvalRecord} (for GenAI/Agent evaluation profiles), {@link Features}
 * (for SPC and PSI drift profiles) or {@link Metrics} (for custom metric profiles).
 *
 * <pre>{@code
 * QueueItem item = EvalRecord.of(Map.of("input", "2+2?", "response", "4"));
 * queue.get("genai").insert(item);
 * }</pre>
 */
public sealed interface QueueItem permits EvalRecord, Features, Metrics {

  /** The entity kind, written as {@code entity} on the {@code scouter.queue.event} span event. */
  EntityType entityType();
}
