package io.scouter.it.sample;

import io.scouter.cdi.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A bean traced at class level: every business method is a span labelled {@code pricing}, except {@link #health()},
 * which opts out.
 */
@ApplicationScoped
@Traced(label = "pricing")
public class PricingService {
  /** Delay of {@link #quoteAsync}: its span must last at least this long. */
  public static final long ASYNC_DELAY_MS = 150;
  private static final Logger LOG = Logger.getLogger(PricingService.class.getName());

  /** Input {@code {"order": {...}, "token": "[redacted]"}}, output the quote. */
  public Quote quote(Order order, String token) {
    // a java.util.logging line inside the span: the runtime's log shows this span's ids (log correlation)
    LOG.info("pricing order " + order.id());
    return new Quote(order.id(), price(order), "EUR");
  }

  /** Not traced: opted out of the class-level binding. */
  @Traced(enabled = false)
  public String health() {
    return "ok";
  }

  /** A span named {@code quote_async} that ends when the stage completes, {@value #ASYNC_DELAY_MS} ms later. */
  @Traced("quote_async")
  public CompletionStage<Quote> quoteAsync(Order order) {
    return CompletableFuture.supplyAsync(() -> new Quote(order.id(), price(order) * 2, "EUR"),
        CompletableFuture.delayedExecutor(ASYNC_DELAY_MS, TimeUnit.MILLISECONDS));
  }

  /** Always throws: an ERROR span with one {@code exception} event. */
  public Quote reject(Order order) {
    throw new OutOfStockException("order " + order.id() + " is out of stock: " + String.join(",", order.items()));
  }

  private static long price(Order order) {
    return order.items().stream().mapToLong(String::length).sum() * 100L * order.quantity();
  }
}
