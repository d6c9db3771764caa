package io.scouter.cdi;

import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/** Nested async {@code @Traced} calls, and streams whose output is the list of their items. */
public final class AsyncBeans {
  private AsyncBeans() {}

  /** The outer call: chains on the inner call's stage. */
  @ApplicationScoped
  @Traced
  public static class Outer {
    @Inject
    Inner inner;

    public CompletableFuture<Integer> outer(Executor executor) {
      return inner.inner(executor).thenApply(x -> x + 1);
    }

    public CompletionStage<Integer> outerStage(Executor executor) {
      return inner.innerStage(executor).thenApply(x -> x + 1);
    }
  }

  /** The inner call: completes on another thread. */
  @ApplicationScoped
  @Traced
  public static class Inner {
    public CompletableFuture<Integer> inner(Executor executor) {
      return CompletableFuture.supplyAsync(() -> 41, executor);
    }

    public CompletionStage<Integer> innerStage(Executor executor) {
      return CompletableFuture.supplyAsync(() -> 41, executor).minimalCompletionStage();
    }
  }

  /** Streams without {@code captureLastStreamItem}: the output is the JSON array of the items consumed. */
  @ApplicationScoped
  @Traced
  public static class Items {
    public Stream<Object> stream(Stream<Object> s) {
      return s;
    }

    public Iterator<Object> iterator(Iterator<Object> it) {
      return it;
    }

    public Flow.Publisher<Object> publisher(Flow.Publisher<Object> p) {
      return p;
    }

    public Multi<Object> multi(Multi<Object> m) {
      return m;
    }

    @Traced(maxLength = 60)
    public Stream<Object> bounded(Stream<Object> s) {
      return s;
    }

    @Traced(captureOutput = false)
    public Stream<Object> noOutput(Stream<Object> s) {
      return s;
    }
  }
}
