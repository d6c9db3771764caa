package io.scouter.cdi;

import jakarta.enterprise.context.ApplicationScoped;

/** Class-level binding with one method opted out. */
@ApplicationScoped
@Traced(label = "class-level")
public class ClassLevelService {
  public String first(String x) {
    return x;
  }

  public String second(String x) {
    return x + x;
  }

  @Traced(enabled = false)
  public String optedOut(String x) {
    return x;
  }

  @Traced(value = "renamed", captureInput = false)
  public String overridden(String x) {
    return x;
  }
}
