package io.scouter.jaxrs.app;

import io.opentelemetry.context.Context;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs before the Scouter filter on each request and counts requests that found a non-root context on their thread
 * (a scope left behind by an earlier request).
 */
@PreMatching
@Priority(1)
public class ContextProbeFilter implements ContainerRequestFilter, ContainerResponseFilter {
  public static final AtomicInteger DIRTY_STARTS = new AtomicInteger();

  @Override
  public void filter(ContainerRequestContext request) {
    if (Context.current() != Context.root()) {
      DIRTY_STARTS.incrementAndGet();
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    // request filter only matters
  }
}
