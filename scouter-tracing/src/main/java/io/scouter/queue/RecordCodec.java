package io.scouter.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scouter.tracing.internal.RateLimitedLog;
import io.scouter.tracing.internal.export.MessageSink;
import java.util.List;
import java.util.logging.Logger;

/**
 * Server records as one Scouter message ({@code {"records":[...]}}, {@link RecordEncoder#message}) for a
 * {@link MessageSink}; a single record too big for any message is dropped (counted as failed) with a rate-limited
 * warning.
 */
final class RecordCodec implements MessageSink.Codec<ObjectNode> {
  private static final Logger LOG = Logger.getLogger(ScouterQueue.class.getName());
  static final RecordCodec INSTANCE = new RecordCodec();
  private final RateLimitedLog sizeLog = new RateLimitedLog(LOG, 30_000);

  private RecordCodec() {}

  @Override
  public byte[] encode(List<ObjectNode> records) {
    return RecordEncoder.message(records);
  }

  @Override
  public byte[] shrink(ObjectNode record, int bytes, int limit) {
    sizeLog.warn(() -> "Scouter queue: a record of " + bytes + " bytes is over the transport's " + limit
        + "-byte limit; dropped (its context is too large)");
    return null;
  }
}
