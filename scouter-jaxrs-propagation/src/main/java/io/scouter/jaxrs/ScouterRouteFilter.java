package io.scouter.jaxrs;

import io.scouter.jaxrs.internal.ServerFilters;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * After resource matching, names the SERVER span {@code "<METHOD> <route>"} and sets {@code http.route} from the
 * matched resource's {@code @Path} templates ({@code GET /orders/{id}}), never from the raw path. Requests that match
 * no resource (404, 405) keep the name {@code "<METHOD>"}.
 *
 * <pre>{@code
 * // registered with ScouterContainerFilter, by scanning or ScouterServerFeature
 * }</pre>
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(ScouterContainerFilter.PRIORITY)
public class ScouterRouteFilter implements ContainerRequestFilter {
  @Context
  private ResourceInfo resourceInfo;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getProperty(ServerFilters.PROPERTY) == null || resourceInfo == null) {
      return;
    }
    ServerFilters.matched(request, resourceInfo.getResourceClass(), resourceInfo.getResourceMethod());
  }
}
