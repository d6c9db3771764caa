package io.scouter.queue;

import java.util.Locale;

/**
 * The profile type, the {@code config.drift_type} of a Scouter profile file. It decides which {@link QueueItem} a
 * queue accepts and how its records are sent.
 *
 * <pre>{@code
 * QueueProfile p = QueueProfile.read(Path.of("genai_profile.json"));
 * if (p.driftType().acceptsEvalRecords()) { ... }
 * }</pre>
 *
 * <p>{@link #GENAI} is the evaluation profile of Scouter v0.25.0 ({@code "GenAI"}; records go out as
 * {@code {"GenAIEval":{"record":...}}} with {@code entity_type "GenAI"}); {@link #AGENT} is the same profile after the
 * upstream rename that followed v0.25.0 ({@code "Agent"}; {@code {"AgentEval":...}}, {@code entity_type "Agent"}). A
 * profile is written by the server version it was registered with, so following it keeps records and server in step.
 */
public enum DriftType {
  /** Statistical process control: {@link Features}, sent as {@code Spc} records (sample means). */
  SPC("Spc", EntityType.FEATURE),
  /** Population stability index: {@link Features}, sent as {@code Psi} records (bin counts). */
  PSI("Psi", EntityType.FEATURE),
  /** Custom metrics: {@link Metrics}, sent as {@code Custom} records (averages). */
  CUSTOM("Custom", EntityType.METRIC),
  /** GenAI evaluation (Scouter v0.25.0): {@link EvalRecord}, sent as {@code GenAIEval} records. */
  GENAI("GenAI", EntityType.EVAL),
  /** Agent evaluation (Scouter after v0.25.0): {@link EvalRecord}, sent as {@code AgentEval} records. */
  AGENT("Agent", EntityType.EVAL);

  private final String wireName;
  private final EntityType accepts;

  DriftType(String wireName, EntityType accepts) {
    this.wireName = wireName;
    this.accepts = accepts;
  }

  /** The name in profile files ({@code "Spc"}, {@code "Psi"}, {@code "Custom"}, {@code "GenAI"}, {@code "Agent"}). */
  public String wireName() {
    return wireName;
  }

  /** The item kind this profile's queue accepts. */
  public EntityType accepts() {
    return accepts;
  }

  /** Whether the queue takes {@link EvalRecord}s. */
  public boolean acceptsEvalRecords() {
    return accepts == EntityType.EVAL;
  }

  /**
   * The entity name the server expects for this profile's items: {@code "Feature"}, {@code "Metric"}, {@code "GenAI"}
   * or {@code "Agent"} (the {@code entity_type} of an eval record and the {@code entity} of the span event).
   */
  public String entityName() {
    switch (accepts) {
      case FEATURE:
        return "Feature";
      case METRIC:
        return "Metric";
      default:
        return wireName;
    }
  }

  /** The {@code ServerRecord} variant an eval record of this profile is sent as. */
  public String evalRecordVariant() {
    return this == AGENT ? "AgentEval" : "GenAIEval";
  }

  /** Case-insensitive, as upstream's {@code DriftType::from_str}; {@code null} when unknown. */
  public static DriftType fromWireName(String name) {
    if (name == null) {
      return null;
    }
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "spc":
        return SPC;
      case "psi":
        return PSI;
      case "custom":
        return CUSTOM;
      case "genai":
        return GENAI;
      case "agent":
        return AGENT;
      default:
        return null;
    }
  }
}
