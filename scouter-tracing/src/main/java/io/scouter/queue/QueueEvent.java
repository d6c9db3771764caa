package io.scouter.queue;

/**
 * The span event that links a span to a queue record, as upstream's tracer writes it
 * ({@code add_entity_event_to_span});
 * the Scouter server reads it to find the traces of a record ({@code trace_entities}, {@code TraceFilters.queue_uid}).
 *
 * <pre>{@code
 * span.insertQueueItem("genai", record);
 * // event "scouter.queue.event" {scouter.queue.record: record.uid(), entity: "GenAI", scouter.entity: profile uid}
 * }</pre>
 */
public final class QueueEvent {
  /** The event name, {@value}. */
  public static final String NAME = "scouter.queue.event";
  /** The record's uid, {@value}. */
  public static final String RECORD = "scouter.queue.record";
  /** The entity name ({@code GenAI}, {@code Agent}, ...), {@value}. */
  public static final String ENTITY_TYPE = "entity";
  /** The profile uid, {@value}. */
  public static final String ENTITY = "scouter.entity";

  private QueueEvent() {}
}
