package io.scouter.it.sample;

import java.util.List;

/**
 * An order, captured as the {@code @Traced} input. @param id order id @param items item names @param quantity per item
 */
public record Order(String id, List<String> items, int quantity) {}
