package io.scouter.demo;

/** What the model is asked: the text and the caller (captured as the sync step's input). */
public record PredictRequest(String text, String caller) {}
