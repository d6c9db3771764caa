package io.scouter.it.sample;

/** A price quote, captured as the {@code @Traced} output. @param orderId order @param total price @param currency ISO code */
public record Quote(String orderId, long total, String currency) {}
