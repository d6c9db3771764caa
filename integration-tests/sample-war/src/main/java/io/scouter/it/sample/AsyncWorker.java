package io.scouter.it.sample;

import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;

/**
 * A Jakarta Concurrency 3.0 {@code @Asynchronous} method: the server runs it on the default
 * {@code ManagedExecutorService}, with the context its {@code ContextService} propagates.
 */
@ApplicationScoped
public class AsyncWorker {
  @Inject
  WorkerService worker;

  /** Calls the traced worker on a thread of the default managed executor. */
  @Asynchronous
  public CompletableFuture<String> work(String via) {
    return Asynchronous.Result.complete(worker.work(via));
  }
}
