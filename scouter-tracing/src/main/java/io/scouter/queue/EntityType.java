package io.scouter.queue;

/**
 * The kind of a {@link QueueItem}, as upstream's {@code EntityType}.
 *
 * <pre>{@code
 * assert EvalRecord.of(Map.of()).entityType() == EntityType.EVAL;
 * }</pre>
 *
 * <p>The evaluation entity is called {@code GenAI} by Scouter servers up to v0.25.0 and {@code Agent} after the
 * rename that followed it; {@link DriftType#entityName()} of the queue's profile gives the name to use.
 */
public enum EntityType {
  /** {@link Features}: SPC and PSI drift. */
  FEATURE,
  /** {@link Metrics}: custom metric drift. */
  METRIC,
  /** {@link EvalRecord}: GenAI/Agent evaluation. */
  EVAL
}
