package io.scouter.it.arquillian;

import io.scouter.cdi.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** An application bean traced at class level, with one opted-out method, an async and a throwing method. */
@ApplicationScoped
@Traced(label = "checkout")
public class Checkout {

  public int total(Cart cart) {
    return sum(cart);
  }

  @Traced(enabled = false)
  public String ping() {
    return "pong";
  }

  @Traced("total_async")
  public CompletionStage<Integer> totalAsync(Cart cart) {
    return CompletableFuture.supplyAsync(() -> sum(cart) * 2,
        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
  }

  public void fail(String reason) {
    throw new IllegalArgumentException("cannot check out: " + reason);
  }

  private static int sum(Cart cart) {
    return cart.prices().stream().mapToInt(Integer::intValue).sum();
  }
}
