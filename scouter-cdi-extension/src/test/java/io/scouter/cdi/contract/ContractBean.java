package io.scouter.cdi.contract;

import io.scouter.cdi.Traced;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/** Returns what it is given, so each contract test controls when the result finishes. */
@ApplicationScoped
@Traced(captureLastStreamItem = true)
public class ContractBean {
  public CompletableFuture<String> future(CompletableFuture<String> f) {
    return f;
  }

  public CompletionStage<String> stage(CompletionStage<String> f) {
    return f;
  }

  public Stream<String> stream(Stream<String> s) {
    return s;
  }

  public Iterator<String> iterator(Iterator<String> it) {
    return it;
  }

  public Flow.Publisher<String> publisher(Flow.Publisher<String> p) {
    return p;
  }

  public Uni<String> uni(Uni<String> u) {
    return u;
  }

  public Multi<String> multi(Multi<String> m) {
    return m;
  }
}
