package io.scouter.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scouter.tracing.internal.export.ExportEngine;
import java.util.Collection;
import java.util.List;

/**
 * The queues of a {@link ScouterQueue} as the export engine's source, one alias per batch (one message per alias
 * unless the transport's limit splits it): full batches when signalled, every queue on the publish interval (an SPC
 * queue only whole samples, as upstream), and everything on a flush or at shutdown.
 */
final class QueueSource implements ExportEngine.Source<ObjectNode> {
  private final Collection<QueueBus> buses;

  QueueSource(Collection<QueueBus> buses) {
    this.buses = buses;
  }

  @Override
  public int size() {
    int n = 0;
    for (QueueBus b : buses) {
      n += b.pending();
    }
    return n;
  }

  @Override
  public boolean hasFullBatch() {
    for (QueueBus b : buses) {
      if (b.isBatchFull()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<ObjectNode> take(ExportEngine.Due due, int max) {
    for (QueueBus bus : buses) {
      if (due == ExportEngine.Due.FULL_BATCHES && !bus.isBatchFull()) {
        continue;
      }
      List<ObjectNode> records = bus.drain(due == ExportEngine.Due.EVERYTHING);
      if (!records.isEmpty()) {
        return records;
      }
    }
    return List.of();
  }

  @Override
  public int clear() {
    int n = 0;
    for (QueueBus b : buses) {
      n += b.clear();
    }
    return n;
  }
}
