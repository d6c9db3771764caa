package io.scouter.tracing;

/**
 * Counters of one exporter since the tracer was initialised; every span handed to an exporter ends up in exactly one
 * of {@code exported}, {@code dropped}, {@code failed} or {@code sampledOut} (or is still queued).
 *
 * <pre>{@code
 * ExporterStats scouter = ScouterTracing.stats().get("scouter");
 * if (scouter.dropped() > 0) alert("tracing queue too small");
 * }</pre>
 *
 * @param exporter the exporter name ({@code scouter}, {@code otlp-http}, ...)
 * @param exported spans the backend accepted
 * @param dropped spans dropped because the queue was full
 * @param failed spans in batches the backend rejected or that timed out
 * @param sampledOut spans this exporter's own sample ratio skipped
 * @param queued spans waiting in the queue now
 * @param retried transport attempts that were retried (429, 503, connection errors, re-login)
 * @param shrunk spans too big for one message, sent with their captured values cut further
 */
public record ExporterStats(String exporter, long exported, long dropped, long failed, long sampledOut, int queued,
    long retried, long shrunk) {}
