package io.scouter.it.sample;

import io.scouter.cdi.CurrentSpan;
import io.scouter.tracing.ScouterContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/threads/{via}} hands {@link WorkerService#work} to another thread and waits for it:
 * {@code managed-executor} (a task submitted to {@code java:comp/DefaultManagedExecutorService}),
 * {@code managed-executor-wrapped} (the same with the task wrapped by {@link ScouterContext#wrap}),
 * {@code defined-executor} (a task submitted to the application's own {@code @ManagedExecutorDefinition}, whose
 * {@code @ContextServiceDefinition} propagates all remaining context types), {@code asynchronous} (a Jakarta
 * Concurrency {@code @Asynchronous} method) or {@code wrapped-executor} ({@code CompletableFuture.supplyAsync} on the
 * common pool wrapped by {@link ScouterContext#wrap}). Answers with the trace id, the SERVER span's id and both
 * threads, so a test can check that the worker's span continued the trace.
 */
@Path("/threads")
@RequestScoped
@ContextServiceDefinition(name = "java:app/concurrent/TracedContext",
    propagated = ContextServiceDefinition.ALL_REMAINING)
@ManagedExecutorDefinition(name = "java:app/concurrent/TracedExecutor", context = "java:app/concurrent/TracedContext")
public class ThreadsResource {
  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService managedExecutor;

  @Resource(lookup = "java:app/concurrent/TracedExecutor")
  ManagedExecutorService definedExecutor;

  @Inject
  WorkerService worker;

  @Inject
  AsyncWorker asyncWorker;

  @Inject
  CurrentSpan span;

  /** One hop to another thread; JSON with the trace id, the span id and the caller's and the worker's thread. */
  @GET
  @Path("/{via}")
  @Produces(MediaType.APPLICATION_JSON)
  public String hop(@PathParam("via") String via) throws Exception {
    Future<String> ran = switch (via) {
      case "managed-executor" -> managedExecutor.submit(() -> worker.work(via));
      case "managed-executor-wrapped" -> managedExecutor.submit(ScouterContext.wrap(() -> worker.work(via)));
      case "defined-executor" -> definedExecutor.submit(() -> worker.work(via));
      case "asynchronous" -> asyncWorker.work(via);
      case "wrapped-executor" ->
        CompletableFuture.supplyAsync(() -> worker.work(via), ScouterContext.wrap(ForkJoinPool.commonPool()));
      default -> throw new NotFoundException(via);
    };
    String workerThread = ran.get(10, TimeUnit.SECONDS);
    return "{\"traceId\":\"" + span.traceId() + "\",\"spanId\":\"" + span.spanId() + "\",\"callerThread\":\""
        + Thread.currentThread().getName() + "\",\"workerThread\":\"" + workerThread + "\"}";
  }
}
