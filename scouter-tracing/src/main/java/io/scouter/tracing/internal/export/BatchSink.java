package io.scouter.tracing.internal.export;

import io.scouter.tracing.MockConfig;
import io.scouter.tracing.TransportConfig;
import io.scouter.tracing.internal.transport.Transports;
import java.util.List;

/**
 * Where an {@link ExportEngine} (or the span-by-span export) sends a batch: a Scouter transport ({@link MessageSink}),
 * an OpenTelemetry exporter ({@link OtelSpanSink}) or nothing ({@link MockConfig}). Implementations must be
 * thread-safe enough for one sending thread plus {@link #close}, bound every call by their timeout, and never throw
 * from {@link #send}. Not a public API.
 *
 * <pre>{@code
 * BatchSink<SpanData> sink = BatchSink.forTransport(config.transport(), ScouterSpanCodec.INSTANCE);
 * Delivery<SpanData> d = sink.send(batch);
 * }</pre>
 *
 * @param <T> the items sent
 */
public interface BatchSink<T> {

  /**
   * The sink for a Scouter transport configuration: {@link MockConfig} (the only place that knows it) discards every
   * batch without encoding it; any other gets its {@link Transports transport} behind a {@link MessageSink}.
   *
   * @throws IllegalStateException naming the missing transport artifact
   */
  static <T> BatchSink<T> forTransport(TransportConfig config, MessageSink.Codec<T> codec) {
    if (config instanceof MockConfig) {
      return batch -> Delivery.delivered();
    }
    return new MessageSink<>(Transports.create(config), codec);
  }

  /** Sends {@code batch} now, on the calling thread; says what was not delivered. Never throws. */
  Delivery<T> send(List<T> batch);

  /** Pushes out what the sink buffers itself, waiting at most {@code timeoutMs}. */
  default void flush(long timeoutMs) {}

  /** Releases connections, waiting at most {@code timeoutMs}; later sends are not tried. */
  default void close(long timeoutMs) {}

  /** Messages handed to the transport (for statistics). */
  default long messages() {
    return 0;
  }

  /** Retried transport attempts (for statistics). */
  default long retries() {
    return 0;
  }

  /** Items sent shrunk because they were too big for one message (for statistics). */
  default long shrunk() {
    return 0;
  }
}
