package io.scouter.quarkus.deployment;

/** A @Traced method's parameter type in the tests. */
public record Question(String text) {}
