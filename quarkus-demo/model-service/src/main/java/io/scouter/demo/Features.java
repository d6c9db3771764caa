package io.scouter.demo;

import java.util.List;

/** The features the pipeline computes from the text. */
public record Features(List<String> tokens, int length, double upperRatio) {}
