package io.scouter.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.scouter.queue.QueueItem;
import java.util.Map;

/**
 * A span that is (or was made) current on this thread, with Scouter's helpers for tags, input/output capture and
 * events. Closing it ends the span and restores the previous context, unless it is a view obtained from
 * {@link ScouterTracer#currentSpan()}, whose {@code close()} does nothing.
 *
 * <pre>{@code
 * try (ActiveSpan span = tracer.spanBuilder("predict").label("model").startAsCurrent()) {
 *   span.setInput(request);
 *   span.setTag("tier", "gold");
 *   span.addEvent("validated", Map.of("checks_passed", 5));
 *   span.setOutput(result);
 * }
 * }</pre>
 *
 * <p>All methods are safe on an unsampled span: they do nothing and in particular never serialize anything.
 */
public interface ActiveSpan extends AutoCloseable {

  /**
   * Sets an attribute. Strings, integral numbers, floating point numbers and booleans keep their type; arrays and
   * homogeneous lists become typed arrays (a mixed list becomes a string array of JSON values, an empty list an empty
   * string array); maps and other objects become JSON strings; {@code null} becomes the string {@code "null"}.
   */
  ActiveSpan setAttribute(String key, Object value);

  /** Sets a tag, written as attribute {@code scouter.tracing.tag.<key>}; the server stores it as a trace tag. */
  ActiveSpan setTag(String key, Object value);

  /** Captures {@code value} as JSON input, string leaves cut at the configured capture length. */
  ActiveSpan setInput(Object value);

  /** Captures {@code value} as JSON input, string leaves cut at {@code maxLength} characters. */
  ActiveSpan setInput(Object value, int maxLength);

  /** Captures {@code value} as JSON output, string leaves cut at the configured capture length. */
  ActiveSpan setOutput(Object value);

  /** Captures {@code value} as JSON output, string leaves cut at {@code maxLength} characters. */
  ActiveSpan setOutput(Object value, int maxLength);

  /** Adds an event without attributes. */
  ActiveSpan addEvent(String name);

  /** Adds an event; nested maps are flattened with dots ({@code {"a":{"b":1}}} becomes {@code a.b=1}). */
  ActiveSpan addEvent(String name, Map<String, ?> attributes);

  /** Records an {@code exception} event (type, message, stacktrace) without changing the status. */
  ActiveSpan recordException(Throwable error);

  /** Sets the status; {@code description} is kept only for {@link StatusCode#ERROR}. */
  ActiveSpan setStatus(StatusCode code, String description);

  /** Renames the span. */
  ActiveSpan updateName(String name);

  /**
   * Inserts a record into the tracer's Scouter queue ({@link ScouterTracer#setScouterQueue}) and links it to this span:
   * an {@link io.scouter.queue.EvalRecord} without a trace id gets this span's, and the span gets the event
   * {@code scouter.queue.event} with {@code scouter.queue.record} (the record uid), {@code entity} and
   * {@code scouter.entity} (the profile uid). Does nothing on an unsampled span; logs a warning and does nothing when
   * no queue is attached.
   *
   * @throws io.scouter.queue.MissingQueueException if the queue has no such alias
   * @throws IllegalArgumentException if the item is not of the kind the alias's profile takes
   */
  ActiveSpan insertQueueItem(String alias, QueueItem item);

  /** Same as {@link #insertQueueItem} (upstream's Python name is {@code add_queue_item}). */
  default ActiveSpan addQueueItem(String alias, QueueItem item) {
    return insertQueueItem(alias, item);
  }

  /** The trace id, 32 lowercase hex characters. */
  String traceId();

  /** The span id, 16 lowercase hex characters. */
  String spanId();

  /** Whether the span is sampled (and will be exported). */
  boolean isSampled();

  /** Whether the span still records (sampled and not ended). */
  boolean isRecording();

  /** The underlying OpenTelemetry span, for APIs that need one. */
  Span unwrap();

  /** Ends the span now without restoring the context; {@link #close()} does both. */
  void end();

  /** Ends the span (if this handle owns it) and restores the context that was current before it. */
  @Override
  void close();
}
