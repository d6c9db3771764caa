package io.scouter.tracing;

/**
 * Attribute and event names that Scouter writes on spans and that the Scouter server reads back.
 *
 * <p>These are the exact names of the Python/Rust original (see {@code scouter_types::trace}); the server strips the
 * tag prefixes and turns them into tag rows.
 *
 * <pre>{@code
 * span.setAttribute(ScouterAttributes.LABEL, "chat");   // same as spanBuilder(..).label("chat")
 * }</pre>
 */
public final class ScouterAttributes {
  /** Captured input, a JSON string. */
  public static final String INPUT = "scouter.tracing.input";
  /** Captured output, a JSON string. */
  public static final String OUTPUT = "scouter.tracing.output";
  /** The span label. */
  public static final String LABEL = "scouter.tracing.label";
  /** RFC 3339 start of the first local span of the trace. */
  public static final String START_TIME = "scouter.tracing.start_time";
  /** Prefix of a tag set on a running span: {@code scouter.tracing.tag.<key>}. */
  public static final String TAG_PREFIX = "scouter.tracing.tag.";
  /** Prefix of a tag given at span start, which also propagates as baggage to children. */
  public static final String BAGGAGE_TAG_PREFIX = "baggage." + TAG_PREFIX;
  /** Prefix the server treats as baggage. */
  public static final String BAGGAGE_PREFIX = "baggage.";
  /** Attribute set when an async result was cancelled before it completed. */
  public static final String CANCELLED = "scouter.tracing.cancelled";
  /** Attribute set when a stream was abandoned (garbage collected) before it was exhausted or closed. */
  public static final String ABANDONED = "scouter.tracing.abandoned";
  /** Event written by {@code insertQueueItem}. */
  public static final String QUEUE_EVENT = "scouter.queue.event";

  private ScouterAttributes() {}
}
