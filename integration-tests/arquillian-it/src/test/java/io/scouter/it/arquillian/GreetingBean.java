package io.scouter.it.arquillian;

import io.scouter.cdi.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** A method-level {@code @Traced} bean. */
@ApplicationScoped
public class GreetingBean {
  @Traced
  public String greet(String name) {
    return "hello " + name;
  }
}
