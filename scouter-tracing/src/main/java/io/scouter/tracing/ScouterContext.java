package io.scouter.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Carries the current trace onto other threads. The trace lives in the OpenTelemetry {@link Context} of the thread that
 * runs the code; a task handed to a plain {@link Executor}, a {@code CompletableFuture.*Async} stage or a thread pool
 * starts with an empty context, so a span it starts becomes the root of a new trace. Wrapped with this class, the task
 * runs with the caller's context: its spans are children of the span that was current where it was wrapped, in the
 * same trace, with the same baggage tags.
 *
 * <pre>{@code
 * ExecutorService pool = Executors.newFixedThreadPool(4);
 * try (ActiveSpan span = tracer.startAsCurrentSpan("handle_order")) {
 *   // the stage's span is a child of handle_order
 *   CompletableFuture<Quote> quote = CompletableFuture.supplyAsync(() -> pricing.quote(order),  // a @Traced bean
 *       ScouterContext.wrap(pool));
 *   pool.submit(ScouterContext.wrap(() -> audit.record(order)));      // one task
 * }
 * Executor traced = ScouterContext.taskWrapping(pool);                 // a long-lived executor: each task carries
 *                                                                      // the trace current when it was submitted
 * }</pre>
 *
 * <p>Two flavours, as in OpenTelemetry's {@code Context}: {@code wrap(...)} binds the trace that is current <em>now</em>
 * (use it inline, as above); {@link #taskWrapping(Executor)} binds, for each task, the trace that is current when the
 * task is submitted (use it for an executor kept in a field). The task's thread gets its own context back when the task
 * ends, also when it throws. Wrapping twice is harmless: the innermost wrap's trace wins.
 *
 * <p>The context is OpenTelemetry's, so this works alike in own-SDK mode and when Scouter builds on the runtime's
 * OpenTelemetry (MicroProfile Telemetry, {@code quarkus-opentelemetry}). Containers usually propagate it themselves:
 * MicroProfile Context Propagation ({@code ManagedExecutor}, {@code ThreadContext}) and Jakarta Concurrency
 * ({@code ManagedExecutorService}, {@code @Asynchronous}) through the thread context providers of
 * {@code scouter-cdi-extension}; this class is for everything else.
 */
public final class ScouterContext {
  /**
   * The thread context type of the trace in MicroProfile Context Propagation and Jakarta Concurrency 3.0, e.g. for
   * {@code ManagedExecutor.builder().propagated(ScouterContext.THREAD_CONTEXT_TYPE)} or
   * {@code @ContextServiceDefinition(propagated = "ScouterTracing")}: {@value}. Not {@code OpenTelemetry}, the type
   * {@code quarkus-opentelemetry} registers for the same context (SmallRye refuses two providers of one type); where
   * both are present both propagate the same context, without conflict.
   */
  public static final String THREAD_CONTEXT_TYPE = "ScouterTracing";

  static {
    io.scouter.tracing.internal.log.LogCorrelation.install(); // before this class's first Context.current()
  }

  private ScouterContext() {}

  /** The task, run with the trace that is current now. */
  public static Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    Context context = Context.current();
    return () -> {
      try (Scope ignored = context.makeCurrent()) {
        task.run();
      }
    };
  }

  /** The task, run with the trace that is current now. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    Context context = Context.current();
    return () -> {
      try (Scope ignored = context.makeCurrent()) {
        return task.call();
      }
    };
  }

  /**
   * The supplier, run with the trace that is current now, e.g. for {@code CompletableFuture.supplyAsync(
   * ScouterContext.wrapSupplier(() -> ...))} on the common pool. (A separate name: a lambda would fit both
   * {@code Supplier} and {@code Callable}.)
   */
  public static <T> Supplier<T> wrapSupplier(Supplier<T> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    Context context = Context.current();
    return () -> {
      try (Scope ignored = context.makeCurrent()) {
        return supplier.get();
      }
    };
  }

  /**
   * An executor that runs every task with the trace that is current now, e.g. for
   * {@code CompletableFuture.supplyAsync(supplier, ScouterContext.wrap(executor))}.
   */
  public static Executor wrap(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return Context.current().wrap(executor);
  }

  /** An executor service that runs every task with the trace that is current now; shutting it down shuts down the delegate. */
  public static ExecutorService wrap(ExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return Context.current().wrap(executor);
  }

  /** An executor that runs each task with the trace that was current when the task was submitted. */
  public static Executor taskWrapping(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return Context.taskWrapping(executor);
  }

  /**
   * An executor service that runs each task with the trace that was current when the task was submitted; shutting it
   * down shuts down the delegate.
   */
  public static ExecutorService taskWrapping(ExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return Context.taskWrapping(executor);
  }
}
