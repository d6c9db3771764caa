package io.scouter.bench;

/** The small record every benchmarked call returns. */
public record Prediction(int id, String label, double value) {}
