package io.scouter.jaxrs;

import io.scouter.jaxrs.internal.ClientFilters;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Starts a CLIENT span per outgoing request ({@code "<METHOD>"}, with {@code server.address}, {@code server.port},
 * {@code url.full} whose query values are redacted), sends Scouter's legacy {@code trace_id}/{@code span_id}/
 * {@code is_sampled} and W3C {@code traceparent}/{@code tracestate} headers (as {@code scouter.propagation} selects),
 * and ends the span when the response arrives (status ERROR for 4xx/5xx). The span is never made current, so no
 * scope can leak. Its parent is the context of the calling thread, also for async invocations made through
 * {@link ScouterClientTracing}.
 *
 * <p>A filter never sees a transport failure (connection refused, timeout): clients wrapped by
 * {@link ScouterClientTracing#register(jakarta.ws.rs.client.Client)} end the span with the exception; other clients'
 * spans end as {@code no response received} when the enclosing server request ends.
 *
 * <pre>{@code
 * Client client = ScouterClientTracing.register(ClientBuilder.newClient());
 * }</pre>
 */
@Provider
@ConstrainedTo(RuntimeType.CLIENT)
@Priority(ScouterClientFilter.PRIORITY)
public class ScouterClientFilter implements ClientRequestFilter, ClientResponseFilter {
  /** After the header decorators (request filters run in ascending order), so it sees the final URI and headers. */
  public static final int PRIORITY = Priorities.HEADER_DECORATOR + 1000;

  @Override
  public void filter(ClientRequestContext request) {
    ClientFilters.start(request);
  }

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response) {
    ClientFilters.response(request, response);
  }
}
