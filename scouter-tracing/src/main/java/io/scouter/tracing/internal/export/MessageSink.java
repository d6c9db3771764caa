package io.scouter.tracing.internal.export;

import io.scouter.tracing.internal.RateLimitedLog;
import io.scouter.tracing.spi.MessageTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends batches as Scouter messages over a {@link MessageTransport}, each within the transport's byte limit: a message
 * that would be too big is split in halves, and a single item too big for any message is handed to the {@link Codec}
 * to shrink (or drop, counted as refused); never sent to be rejected. Once a message could not be delivered for a
 * reason that may pass, everything after it in the batch waits too (order is kept). Spans and queue records share
 * it. Not a public API.
 *
 * <pre>{@code
 * MessageSink<ObjectNode> sink = new MessageSink<>(transport, recordCodec);
 * Delivery<ObjectNode> d = sink.send(records);   // Delivered, NotTried or Partial(retryable, rejected)
 * }</pre>
 *
 * @param <T> the items of a message
 */
public final class MessageSink<T> implements BatchSink<T> {
  private static final Logger LOG = Logger.getLogger(MessageSink.class.getName());

  /** How items become one message. */
  public interface Codec<T> {
    /** The message carrying {@code items}. */
    byte[] encode(List<T> items);

    /**
     * A message for one {@code item} whose own message ({@code bytes} long) is over {@code limit}: a smaller form
     * of it, or {@code null} to drop it. Logs (rate-limited) what it did.
     */
    byte[] shrink(T item, int bytes, int limit);
  }

  private final MessageTransport transport;
  private final Codec<T> codec;
  private final int limit;
  private final LongAdder messages = new LongAdder();
  private final LongAdder shrunk = new LongAdder();
  private final RateLimitedLog errorLog = new RateLimitedLog(LOG, 30_000);
  private final AtomicBoolean closed = new AtomicBoolean();

  public MessageSink(MessageTransport transport, Codec<T> codec) {
    this.transport = transport;
    this.codec = codec;
    this.limit = transport.maxMessageBytes();
  }

  @Override
  public Delivery<T> send(List<T> batch) {
    if (closed.get()) {
      return Delivery.notTried("the transport is closed");
    }
    if (batch.isEmpty()) {
      return Delivery.delivered();
    }
    Progress p = new Progress();
    try {
      sendAll(batch, p);
      return Delivery.partial(p.retry, p.rejected);
    } catch (RuntimeException e) { // an encoding bug: what was sent stays delivered, the rest is given up
      errorLog.warn("Scouter export failed: " + e.getClass().getSimpleName());
      LOG.log(Level.FINE, "export failure", e);
      return p.delivered == 0 && p.retry.isEmpty() && p.rejected == 0 ? Delivery.notTried(e.getClass().getSimpleName())
          : Delivery.partial(p.retry, batch.size() - p.delivered - p.retry.size());
    }
  }

  /** What one {@link #send} did so far. */
  private final class Progress {
    final List<T> retry = new ArrayList<>();
    int rejected;
    int delivered;
  }

  /** Sends {@code items} in as few messages as fit; collects what to retry and counts what was refused. */
  private void sendAll(List<T> items, Progress p) {
    if (!p.retry.isEmpty()) {
      p.retry.addAll(items); // keep order: once something must wait, everything after it waits too
      return;
    }
    byte[] message = codec.encode(items);
    if (message.length <= limit) {
      deliver(message, items, p);
      return;
    }
    if (items.size() > 1) {
      int mid = items.size() / 2;
      sendAll(items.subList(0, mid), p);
      sendAll(items.subList(mid, items.size()), p);
      return;
    }
    byte[] smaller = codec.shrink(items.get(0), message.length, limit);
    if (smaller != null && smaller.length <= limit) {
      shrunk.increment();
      deliver(smaller, items, p);
    } else {
      p.rejected++;
    }
  }

  private void deliver(byte[] message, List<T> items, Progress p) {
    messages.increment();
    MessageTransport.Outcome o;
    try {
      o = transport.deliver(message);
    } catch (RuntimeException e) { // the contract says never, but a transport of the application's own might
      LOG.log(Level.FINE, "transport failure", e);
      o = MessageTransport.Outcome.RETRYABLE;
    }
    switch (o) {
      case DELIVERED:
        p.delivered += items.size();
        break;
      case REJECTED:
        p.rejected += items.size();
        break;
      default:
        p.retry.addAll(items);
    }
  }

  @Override
  public long messages() {
    return messages.sum();
  }

  @Override
  public long retries() {
    return transport.retries();
  }

  @Override
  public long shrunk() {
    return shrunk.sum();
  }

  @Override
  public void close(long timeoutMs) {
    if (closed.compareAndSet(false, true)) {
      try {
        transport.close();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Scouter transport close failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return transport.toString();
  }
}
