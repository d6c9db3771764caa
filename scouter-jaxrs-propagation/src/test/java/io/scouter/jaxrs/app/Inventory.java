package io.scouter.jaxrs.app;

import io.scouter.cdi.Traced;
import io.scouter.tracing.ScouterTracing;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** A traced bean service B calls: its span must be a child of B's SERVER span. */
@ApplicationScoped
public class Inventory {
  @Traced("inventory.lookup")
  public String lookup(String id) {
    return "order-" + id;
  }

  /** The propagation headers of the current span, from inside a traced method. */
  @Traced("inventory.headers")
  public Map<String, String> headers() {
    return ScouterTracing.tracingHeadersFromCurrentSpan();
  }
}
