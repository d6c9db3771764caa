package io.scouter.bench;

/** The small record argument of every benchmarked call. */
public record Features(int id, String name, double score) {}
