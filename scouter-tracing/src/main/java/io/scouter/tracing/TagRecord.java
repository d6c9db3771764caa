package io.scouter.tracing;

/**
 * A tag row as the Scouter server stores it ({@code scouter.tags}).
 *
 * <pre>{@code
 * assertTrue(exporter.tags().contains(new TagRecord("trace", span.traceId(), "env", "prod")));
 * }</pre>
 *
 * @param entityType {@code "trace"} for span tags
 * @param entityId the trace id
 * @param key the tag key, prefix stripped
 * @param value the tag value as a string
 */
public record TagRecord(String entityType, String entityId, String key, String value) {}
