package io.scouter.it.sample;

/** Thrown by {@link PricingService#reject}; the span records it and the resource maps it to 409. */
public class OutOfStockException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is out of stock */
  public OutOfStockException(String message) {
    super(message);
  }
}
