package io.scouter.jaxrs;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.scouter.jaxrs.internal.IncomingHeaders;
import io.scouter.jaxrs.internal.JaxrsRuntime;
import io.scouter.jaxrs.internal.JaxrsSettings;
import io.scouter.jaxrs.internal.ServerFilters;
import io.scouter.tracing.ScouterTracer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Starts a SERVER span for every request (except excluded paths) and makes it current while the resource method
 * runs, so {@code @Traced} beans become its children and {@code ScouterTracing.tracingHeadersFromCurrentSpan()} works.
 * The parent comes from the W3C {@code traceparent}/{@code tracestate} headers, else from Scouter's legacy
 * {@code trace_id}/{@code span_id}/{@code is_sampled}; unusable headers start a new trace. The span is named
 * {@code "<METHOD> <route>"} once the resource is matched (see {@link ScouterRouteFilter}) and ends after the response
 * entity is written (see {@link ScouterEntityInterceptor}).
 *
 * <p>Discovered as a {@code @Provider} by classpath scanning (Quarkus REST, Jersey on Payara, RESTEasy on Open
 * Liberty/WildFly); without scanning register {@link ScouterServerFeature}.
 *
 * <pre>{@code
 * // nothing to do: a request to GET /orders/42 handled by @Path("/orders") @GET @Path("{id}") gives
 * // a SERVER span "GET /orders/{id}" with http.route=/orders/{id}, url.path=/orders/42, http.response.status_code=200
 * }</pre>
 */
@Provider
@PreMatching
@ConstrainedTo(RuntimeType.SERVER)
@Priority(ScouterContainerFilter.PRIORITY)
public class ScouterContainerFilter implements ContainerRequestFilter, ContainerResponseFilter {
  /**
   * Runs before authentication ({@code Priorities.AUTHENTICATION} = 1000) so rejected requests are traced too, and
   * (response filters run in reverse order) after the other response filters, so it sees the final status.
   */
  public static final int PRIORITY = 100;

  @Override
  public void filter(ContainerRequestContext request) {
    ServerFilters.beforeRequest();
    if (request.getProperty(ServerFilters.PROPERTY) != null) {
      return; // registered twice
    }
    JaxrsSettings settings = JaxrsRuntime.settings();
    if (ServerFilters.excluded(settings, request.getUriInfo())) {
      return;
    }
    ScouterTracer tracer = JaxrsRuntime.tracer();
    if (tracer == null || JaxrsRuntime.runtimeSdk()) {
      return; // no tracer, or the runtime's OpenTelemetry already traces this request
    }
    Context base = ServerFilters.baseContext();
    boolean localParent = Span.fromContext(base).getSpanContext().isValid();
    ServerFilters.start(tracer, request, base,
        localParent ? null : IncomingHeaders.remoteParent(request.getHeaders()).orElse(null));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    ServerFilters.response(request, response);
  }
}
