package io.scouter.tracing.internal.export;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.scouter.tracing.internal.RateLimitedLog;
import io.scouter.tracing.internal.wire.ScouterWireEncoder;
import io.scouter.tracing.internal.wire.SpanShrinker;
import java.util.List;
import java.util.logging.Logger;

/**
 * Spans as Scouter messages ({@link ScouterWireEncoder}) for a {@link MessageSink}; a single span too big for any
 * message is shrunk (captured values cut further, still valid JSON) until it fits, else dropped. Not a public API.
 *
 * <pre>{@code
 * BatchSink<SpanData> sink = BatchSink.forTransport(transportConfig, ScouterSpanCodec.INSTANCE);
 * }</pre>
 */
public final class ScouterSpanCodec implements MessageSink.Codec<SpanData> {
  private static final Logger LOG = Logger.getLogger(ScouterSpanCodec.class.getName());
  /** The codec (stateless but for its rate-limited log). */
  public static final ScouterSpanCodec INSTANCE = new ScouterSpanCodec();
  /** Shortest cut tried when shrinking a span. */
  static final int MIN_CUT = 64;
  private final RateLimitedLog sizeLog = new RateLimitedLog(LOG, 30_000);

  private ScouterSpanCodec() {}

  @Override
  public byte[] encode(List<SpanData> spans) {
    return ScouterWireEncoder.encode(spans);
  }

  @Override
  public byte[] shrink(SpanData span, int bytes, int limit) {
    for (int cut = Math.max(MIN_CUT, limit / 16); cut >= MIN_CUT; cut /= 2) {
      byte[] smaller = ScouterWireEncoder.encode(List.of(SpanShrinker.shrink(span, cut)));
      if (smaller.length <= limit) {
        int c = cut;
        sizeLog.warn(() -> "Scouter span '" + span.getName() + "' was " + bytes + " bytes, over the transport's "
            + limit + "-byte limit; its string values were cut to " + c + " characters");
        return smaller;
      }
    }
    sizeLog.warn(() -> "Scouter span '" + span.getName() + "' cannot fit in a " + limit + "-byte message even when "
        + "shrunk; dropped (too many attributes or events)");
    return null;
  }
}
