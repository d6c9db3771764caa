package io.scouter.cdi.arquillian;

import io.scouter.cdi.Traced;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class GreetingBean {
  @Traced
  public String greet(String name) {
    return "hello " + name;
  }
}
