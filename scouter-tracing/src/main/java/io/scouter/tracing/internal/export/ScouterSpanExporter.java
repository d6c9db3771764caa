package io.scouter.tracing.internal.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scouter.tracing.internal.RateLimitedLog;
import io.scouter.tracing.internal.wire.ScouterWireEncoder;
import io.scouter.tracing.internal.wire.SpanShrinker;
import io.scouter.tracing.spi.MessageTransport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Encodes batches as Scouter messages within the transport's byte limit: a message that would be too big is split in
 * halves, and a single span too big for any message is shrunk (captured values cut further) and counted, never sent
 * to be rejected. Not a public API.
 */
public final class ScouterSpanExporter implements SpanExporter {
  private static final Logger LOG = Logger.getLogger(ScouterSpanExporter.class.getName());
  /** Shortest cut tried when shrinking a span. */
  static final int MIN_CUT = 64;
  /** {@link #send}: everything delivered. */
  static final PartialDelivery DELIVERED = new PartialDelivery(List.of(), 0);
  /** {@link #send}: nothing could be tried. */
  static final PartialDelivery FAILED = new PartialDelivery(List.of(), 0);

  private final MessageTransport transport;
  private final int limit;
  private final LongAdder shrunk = new LongAdder();
  private final LongAdder tooLarge = new LongAdder();
  private final LongAdder messages = new LongAdder();
  private final RateLimitedLog sizeLog = new RateLimitedLog(LOG, 30_000);
  private final AtomicBoolean shutdown = new AtomicBoolean();

  public ScouterSpanExporter(MessageTransport transport) {
    this.transport = transport;
    this.limit = transport.maxMessageBytes();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return send(spans) == DELIVERED ? CompletableResultCode.ofSuccess() : CompletableResultCode.ofFailure();
  }

  /**
   * Sends {@code spans} now (synchronously) and says what was not delivered: {@link #DELIVERED} when everything was,
   * {@link #FAILED} when nothing could be tried (shut down, unexpected error), else the spans to retry and the count
   * refused. {@link ExportProcessor} calls this instead of {@link #export}, because an export result can carry such a
   * value only on OpenTelemetry 1.41+ and this runs on a runtime's older SDK in runtime SDK mode. Never throws.
   */
  PartialDelivery send(Collection<SpanData> spans) {
    if (shutdown.get()) {
      return FAILED;
    }
    if (spans.isEmpty()) {
      return DELIVERED;
    }
    try {
      List<SpanData> retry = new ArrayList<>();
      int[] rejected = new int[1];
      sendAll(spans instanceof List ? (List<SpanData>) spans : new ArrayList<>(spans), retry, rejected);
      return retry.isEmpty() && rejected[0] == 0 ? DELIVERED : new PartialDelivery(retry, rejected[0]);
    } catch (RuntimeException e) {
      sizeLog.warn("Scouter export failed: " + e.getClass().getSimpleName());
      return FAILED;
    }
  }

  /** Sends {@code spans} in as few messages as fit; collects what to retry and counts what was refused. */
  private void sendAll(List<SpanData> spans, List<SpanData> retry, int[] rejected) {
    if (!retry.isEmpty()) {
      retry.addAll(spans);   // keep order: once something must wait, everything after it waits too
      return;
    }
    byte[] message = ScouterWireEncoder.encode(spans);
    if (message.length <= limit) {
      deliver(message, spans, retry, rejected);
      return;
    }
    if (spans.size() > 1) {
      int mid = spans.size() / 2;
      sendAll(spans.subList(0, mid), retry, rejected);
      sendAll(spans.subList(mid, spans.size()), retry, rejected);
      return;
    }
    SpanData span = spans.get(0);
    for (int cut = Math.max(MIN_CUT, limit / 16); cut >= MIN_CUT; cut /= 2) {
      byte[] smaller = ScouterWireEncoder.encode(List.of(SpanShrinker.shrink(span, cut)));
      if (smaller.length <= limit) {
        shrunk.increment();
        sizeLog.warn("Scouter span '" + span.getName() + "' was " + message.length + " bytes, over the transport's "
            + limit + "-byte limit; its string values were cut to " + cut + " characters");
        deliver(smaller, spans, retry, rejected);
        return;
      }
    }
    tooLarge.increment();
    rejected[0]++;
    sizeLog.warn("Scouter span '" + span.getName() + "' cannot fit in a " + limit + "-byte message even when shrunk;"
        + " dropped (too many attributes or events)");
  }

  private void deliver(byte[] message, List<SpanData> spans, List<SpanData> retry, int[] rejected) {
    messages.increment();
    switch (transport.deliver(message)) {
      case DELIVERED:
        break;
      case REJECTED:
        rejected[0] += spans.size();
        break;
      default:
        retry.addAll(spans);
    }
  }

  /** Spans sent shrunk. */
  public long shrunk() {
    return shrunk.sum();
  }

  /** Messages handed to the transport. */
  public long messages() {
    return messages.sum();
  }

  /** Retried transport attempts. */
  public long retries() {
    return transport.retries();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    if (shutdown.compareAndSet(false, true)) {
      transport.close();
    }
    return CompletableResultCode.ofSuccess();
  }
}
