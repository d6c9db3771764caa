package io.scouter.it.sample;

import io.scouter.cdi.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** The second resource's bean: its span is the child of the second SERVER span, across the HTTP hop. */
@ApplicationScoped
public class StockService {

  /** Input {@code {"item": ...}}, output the count. */
  @Traced(label = "stock")
  public int available(String item) {
    return item.length() + 3;
  }
}
