package io.scouter.queue.cdi.internal;

import io.scouter.tracing.spi.MessageTransport;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Delivers Scouter messages to a Reactive Messaging channel: a message is delivered when the connector acknowledges it
 * (for the SmallRye Kafka connector, when the broker has it); a negative acknowledgement or a timeout is worth a retry.
 * Not a public API.
 */
final class ChannelTransport implements MessageTransport {
  private static final Logger LOG = Logger.getLogger(ChannelTransport.class.getName());
  private final Function<byte[], CompletionStage<Void>> send;
  private final long timeoutMs;
  private final int maxBytes;
  private final LongAdder retries = new LongAdder();

  ChannelTransport(Function<byte[], CompletionStage<Void>> send, long timeoutMs, int maxBytes) {
    this.send = send;
    this.timeoutMs = timeoutMs;
    this.maxBytes = maxBytes;
  }

  @Override
  public int maxMessageBytes() {
    return maxBytes;
  }

  @Override
  public Outcome deliver(byte[] message) {
    try {
      send.apply(message).toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
      return Outcome.DELIVERED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.fine(() -> "Scouter channel " + QueueSettings.CHANNEL + " refused a message: " + e.getCause());
    } catch (TimeoutException e) {
      LOG.fine(() -> "Scouter channel " + QueueSettings.CHANNEL + " did not acknowledge a message in " + timeoutMs
          + " ms");
    } catch (RuntimeException e) {
      // emitter buffer full, channel not wired yet, or cancelled
      LOG.fine(() -> "Scouter channel " + QueueSettings.CHANNEL + " cannot take a message: " + e);
    }
    retries.increment();
    return Outcome.RETRYABLE;
  }

  @Override
  public long retries() {
    return retries.sum();
  }

  /** The channel belongs to the application's Reactive Messaging; nothing to release. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "Reactive Messaging channel " + QueueSettings.CHANNEL;
  }
}
