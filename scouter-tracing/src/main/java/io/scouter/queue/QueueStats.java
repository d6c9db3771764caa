package io.scouter.queue;

/**
 * Counters of a {@link ScouterQueue} since it was built.
 *
 * <pre>{@code
 * QueueStats s = queue.stats();
 * if (s.dropped() > 0) { log.warn("raise the publish rate or lower the load"); }
 * }</pre>
 *
 * @param inserted items accepted by {@link QueueBus#insert}
 * @param sampledOut evaluation records left out by the profile's sample ratio
 * @param dropped items dropped because a queue's buffer was full or the queue was shut down
 * @param published server records the transport accepted
 * @param messages messages handed to the transport
 * @param failed server records given up (refused by the server, too large, or undeliverable at shutdown)
 * @param pending items and records waiting to be published
 */
public record QueueStats(long inserted, long sampledOut, long dropped, long published, long messages, long failed,
    long pending) {}
