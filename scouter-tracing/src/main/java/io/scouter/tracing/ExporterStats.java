package io.scouter.tracing;

import java.time.Duration;
import java.time.Instant;

/**
 * Counters of one exporter since the tracer was initialised; every span handed to an exporter ends up in exactly one
 * of {@code exported}, {@code dropped}, {@code failed} or {@code sampledOut} (or is still queued). Reading them never
 * blocks: health checks and metrics read them on every request.
 *
 * <pre>{@code
 * ExporterStats scouter = ScouterTracing.stats().get("scouter");
 * if (scouter.dropped() > 0) alert("tracing queue too small");
 * if (scouter.failingFor(Instant.now()).compareTo(Duration.ofMinutes(1)) > 0) alert("Scouter server unreachable");
 * }</pre>
 *
 * @param exporter the exporter name ({@code scouter}, {@code otlp-http}, ...)
 * @param exported spans the backend accepted
 * @param dropped spans dropped because the queue was full
 * @param failed spans in batches the backend rejected or that timed out
 * @param sampledOut spans this exporter's own sample ratio skipped
 * @param queued spans waiting in the queue now (including a batch held back for a retry)
 * @param retried transport attempts that were retried (429, 503, connection errors, re-login)
 * @param shrunk spans too big for one message, sent with their captured values cut further
 * @param failingSince when the current run of failed exports began (the first export since the last successful one
 *     that the backend did not take, or that waits for a retry), {@code null} while exports succeed
 * @param queueCapacity how many spans the queue holds ({@code scouter.batch.max-queue-size}); 0 for an exporter that
 *     exports each span as it ends, without a queue
 */
public record ExporterStats(String exporter, long exported, long dropped, long failed, long sampledOut, int queued,
    long retried, long shrunk, Instant failingSince, int queueCapacity) {

  /** Counters without the failure time and queue capacity (not failing, no queue). */
  public ExporterStats(String exporter, long exported, long dropped, long failed, long sampledOut, int queued,
      long retried, long shrunk) {
    this(exporter, exported, dropped, failed, sampledOut, queued, retried, shrunk, null, 0);
  }

  /** How long exports have been failing at {@code now}; {@link Duration#ZERO} while they succeed. */
  public Duration failingFor(Instant now) {
    return failingSince == null || now.isBefore(failingSince) ? Duration.ZERO : Duration.between(failingSince, now);
  }

  /** Whether the queue is full now: the next span would be dropped. Never true without a queue. */
  public boolean queueFull() {
    return queueCapacity > 0 && queued >= queueCapacity;
  }
}
