package io.scouter.jaxrs;

import io.scouter.jaxrs.internal.TracedClientBuilder;
import io.scouter.jaxrs.internal.TracedClients;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Configurable;

/**
 * Traces a plain JAX-RS client: registers {@link ScouterClientFilter} (once) and returns a wrapper that also
 *
 * <ul>
 *   <li>ends the CLIENT span with the exception when a request fails without a response (connection refused, timeout,
 *       ...), which no response filter can see: sync calls through the thrown exception, {@code rx()} through the
 *       failed stage, {@code async()} through the future and the {@code InvocationCallback};</li>
 *   <li>carries the calling thread's context onto the runtime's async executor, so the CLIENT span of an
 *       {@code async()}/{@code rx()} call has the caller's span as parent.</li>
 * </ul>
 *
 * <p>Use the returned object. Quarkus and Payara do not apply {@code @Provider} client filters to
 * {@code ClientBuilder} clients, so there this call is what makes a plain client propagate the trace at all; the
 * MicroProfile Rest Client is handled automatically (through a {@code RestClientListener}).
 *
 * <pre>{@code
 * Client client = ScouterClientTracing.register(ClientBuilder.newClient());
 * String order = client.target("http://orders:8080/orders/{id}").resolveTemplate("id", 42)
 *     .request().get(String.class);      // CLIENT span "GET", headers trace_id, span_id, is_sampled, traceparent
 * }</pre>
 */
public final class ScouterClientTracing {
  private ScouterClientTracing() {}

  /** Registers the filter on the builder and returns a builder whose clients are traced wrappers. */
  public static ClientBuilder register(ClientBuilder builder) {
    if (builder instanceof TracedClientBuilder) {
      return builder;
    }
    addFilter(builder);
    return new TracedClientBuilder(builder);
  }

  /** Registers the filter on the client and returns a traced wrapper of it. */
  public static Client register(Client client) {
    addFilter(client);
    return TracedClients.client(client);
  }

  /** Registers the filter on the target and returns a traced wrapper of it. */
  public static WebTarget register(WebTarget target) {
    addFilter(target);
    return TracedClients.target(target);
  }

  private static void addFilter(Configurable<?> c) {
    if (!c.getConfiguration().isRegistered(ScouterClientFilter.class)) {
      c.register(ScouterClientFilter.class);
    }
  }
}
