package io.scouter.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.TraceId;
import io.scouter.queue.internal.QueueJson;
import io.scouter.queue.internal.Uuid7;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An evaluation record for a GenAI/Agent evaluation profile: a JSON context (what the server's evaluation tasks read),
 * an optional record id and session id, the trace it belongs to, and {@code key=value} tags. The twin of upstream's
 * {@code EvalRecord}; sent as {@code {"GenAIEval":{"record":{...}}}} (or {@code AgentEval}, after the upstream rename).
 *
 * <pre>{@code
 * EvalRecord record = EvalRecord.builder()
 *     .context(Map.of("input", question, "response", answer))   // a Map, record, bean or JsonNode
 *     .sessionId(conversationId)
 *     .build();
 * record.addTag("model", "gpt-4o").updateContextField("latency_ms", 120);
 * span.insertQueueItem("genai", record);   // stamps the span's trace id, adds the scouter.queue.event
 * }</pre>
 *
 * <p>The {@link #uid()} is a UUIDv7 and {@link #createdAt()} the creation instant, both fixed at construction. The
 * context, tags and trace id may change until the record is inserted; a queue sends the state it had at
 * {@link QueueBus#insert insert}. Thread-safe.
 */
public final class EvalRecord implements QueueItem {
  private final String uid;
  private final Instant createdAt;
  private final String id;
  private final String sessionId;
  private JsonNode context;
  private String traceId;
  private final List<String> tags;

  private EvalRecord(Builder b) {
    this.uid = Uuid7.next();
    this.createdAt = Instant.now();
    this.id = b.id == null ? "" : b.id;
    this.sessionId = b.sessionId == null ? Uuid7.next() : b.sessionId;
    this.context = b.context == null ? QueueJson.object() : b.context;
    this.traceId = b.traceId;
    this.tags = new ArrayList<>(b.tags);
  }

  /**
   * A record with that context (a {@link Map}, a Java record or bean, a {@link JsonNode}); {@code null} gives
   * {@code {}}.
   *
   * @throws IllegalArgumentException if the context cannot be converted to JSON
   */
  public static EvalRecord of(Object context) {
    return builder().context(context).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public EntityType entityType() {
    return EntityType.EVAL;
  }

  /** The record's own id, a UUIDv7 ({@code scouter.queue.record} on the span event). */
  public String uid() {
    return uid;
  }

  /** When the record was created. */
  public Instant createdAt() {
    return createdAt;
  }

  /** The caller's record id ({@code record_id} on the wire), {@code ""} if none was given. */
  public String id() {
    return id;
  }

  /** The session id; a new UUIDv7 if none was given. */
  public String sessionId() {
    return sessionId;
  }

  /** A copy of the context. */
  public synchronized JsonNode context() {
    return context.deepCopy();
  }

  /** The trace id (32 lowercase hex), or {@code null} until given or stamped by a span. */
  public synchronized String traceId() {
    return traceId;
  }

  /** The tags, {@code "key=value"} each. */
  public synchronized List<String> tags() {
    return List.copyOf(tags);
  }

  /**
   * Sets {@code context[key] = value}; a context that is not a JSON object is replaced by {@code {key: value}}, as
   * upstream.
   *
   * @throws IllegalArgumentException if the value cannot be converted to JSON
   */
  public EvalRecord updateContextField(String key, Object value) {
    Objects.requireNonNull(key, "key");
    JsonNode v = QueueJson.toTree(value);
    synchronized (this) {
      if (context instanceof ObjectNode) {
        ((ObjectNode) context).set(key, v);
      } else {
        ObjectNode o = QueueJson.object();
        o.set(key, v);
        context = o;
      }
    }
    return this;
  }

  /**
   * Merges an object into the context field by field; anything else (or a context that is not an object) replaces it,
   * as upstream's {@code update_context}.
   */
  public EvalRecord updateContext(Object newContext) {
    JsonNode v = QueueJson.toTree(newContext);
    synchronized (this) {
      if (context instanceof ObjectNode && v instanceof ObjectNode) {
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          ((ObjectNode) context).set(e.getKey(), e.getValue());
        }
      } else {
        context = v;
      }
    }
    return this;
  }

  /** Adds the tag {@code "key=value"}. */
  public EvalRecord addTag(String key, String value) {
    Objects.requireNonNull(key, "key");
    synchronized (this) {
      tags.add(key + "=" + value);
    }
    return this;
  }

  /**
   * Sets the trace id if the record has none (what {@link QueueBus#insert} does with the current span's id).
   *
   * @return whether it was set
   * @throws IllegalArgumentException if {@code traceId} is not 32 hex characters (all zero is invalid)
   */
  synchronized boolean stampTraceIdIfAbsent(String traceId) {
    if (this.traceId != null) {
      return false;
    }
    this.traceId = checkTraceId(traceId);
    return true;
  }

  /** Adds the tag unless the record already has exactly that tag. */
  synchronized boolean addTagIfAbsent(String tag) {
    if (tags.contains(tag)) {
      return false;
    }
    tags.add(tag);
    return true;
  }

  /** A consistent view of the mutable parts, for encoding. */
  synchronized Snapshot snapshot() {
    return new Snapshot(context.deepCopy(), traceId, List.copyOf(tags));
  }

  /**
   * The mutable parts at one moment.
   *
   * @param context the context
   * @param traceId the trace id or null
   * @param tags the tags
   */
  record Snapshot(JsonNode context, String traceId, List<String> tags) {}

  static String checkTraceId(String traceId) {
    String t = traceId == null ? null : traceId.trim().toLowerCase(Locale.ROOT);
    if (t == null || !TraceId.isValid(t)) {
      throw new IllegalArgumentException("trace id must be 32 hex characters (not all zero), was '" + traceId + "'");
    }
    return t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EvalRecord && ((EvalRecord) o).uid.equals(uid);
  }

  @Override
  public int hashCode() {
    return uid.hashCode();
  }

  @Override
  public synchronized String toString() {
    return "EvalRecord{uid=" + uid + ", id=" + id + ", sessionId=" + sessionId + ", traceId=" + traceId + ", tags="
        + tags + ", context=" + context + "}";
  }

  /** Optional fields of an {@link EvalRecord}. */
  public static final class Builder {
    private JsonNode context;
    private String id;
    private String sessionId;
    private String traceId;
    private final List<String> tags = new ArrayList<>();

    private Builder() {}

    /**
     * The context: a {@link Map}, a Java record or bean, or a {@link JsonNode}.
     *
     * @throws IllegalArgumentException if it cannot be converted to JSON
     */
    public Builder context(Object context) {
      this.context = context == null ? null : QueueJson.toTree(context);
      return this;
    }

    /** The caller's record id ({@code record_id} on the wire). */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** The session id (default: a new UUIDv7). */
    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    /**
     * The trace id; by default the span it is inserted from stamps its own.
     *
     * @throws IllegalArgumentException if not 32 hex characters
     */
    public Builder traceId(String traceId) {
      this.traceId = traceId == null ? null : checkTraceId(traceId);
      return this;
    }

    /** Adds the tag {@code "key=value"}. */
    public Builder tag(String key, String value) {
      tags.add(Objects.requireNonNull(key, "key") + "=" + value);
      return this;
    }

    public EvalRecord build() {
      return new EvalRecord(this);
    }
  }
}
