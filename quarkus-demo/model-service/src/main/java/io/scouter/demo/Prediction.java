package io.scouter.demo;

import java.util.List;

/** The model-service answer. */
public record Prediction(String text, String label, double score, List<String> generated, String traceId) {}
