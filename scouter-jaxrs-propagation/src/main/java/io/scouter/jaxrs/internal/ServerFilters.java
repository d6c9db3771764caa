package io.scouter.jaxrs.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.RemoteParent;
import io.scouter.tracing.ScouterSpanBuilder;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.SpanKind;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.net.URI;

/**
 * The server filters' logic as static methods, shared by the provider classes ({@code ScouterContainerFilter},
 * {@code ScouterRouteFilter}, {@code ScouterEntityInterceptor}): each accepted request becomes a {@link ServerRequest}.
 * Not a public API.
 */
public final class ServerFilters {
  /** Request property holding the {@link ServerRequest}. */
  public static final String PROPERTY = ServerRequest.PROPERTY;

  private ServerFilters() {}

  /** Called first for each request on the accepting thread: closes a scope an earlier request left here. */
  public static void beforeRequest() {
    ServerRequest.closeLeftover();
  }

  /** The context a new request's span starts from (never a server span left behind by another request). */
  public static Context baseContext() {
    return ServerRequest.baseContext();
  }

  /** Whether the request path (absolute or relative to the application) is excluded. */
  public static boolean excluded(JaxrsSettings settings, UriInfo uriInfo) {
    if (settings.excludePaths().isEmpty()) {
      return false;
    }
    String relative = uriInfo.getPath();
    if (relative != null && !relative.startsWith("/")) {
      relative = "/" + relative;
    }
    return settings.excluded(relative) || settings.excluded(uriInfo.getRequestUri().getPath());
  }

  /** Starts the SERVER span as a child of {@code remote} (if any) or of {@code base}, current on this thread. */
  public static ServerRequest start(ScouterTracer tracer, ContainerRequestContext request, Context base,
      RemoteParent remote) {
    String method = request.getMethod();
    URI uri = request.getUriInfo().getRequestUri();
    ScouterSpanBuilder b = tracer.spanBuilder(method).kind(SpanKind.SERVER).parent(base)
        .attribute(HttpAttributes.METHOD, method)
        .attribute(HttpAttributes.URL_PATH, HttpAttributes.cap(uri.getRawPath()));
    if (remote != null) {
      b.remoteParent(remote);
    }
    if (uri.getScheme() != null) {
      b.attribute(HttpAttributes.URL_SCHEME, uri.getScheme());
    }
    if (uri.getHost() != null) {
      b.attribute(HttpAttributes.SERVER_ADDRESS, HttpAttributes.cap(uri.getHost()));
      int port = HttpAttributes.port(uri);
      if (port > 0) {
        b.attribute(HttpAttributes.SERVER_PORT, port);
      }
    }
    String ua = request.getHeaderString(HttpHeaders.USER_AGENT);
    if (ua != null) {
      b.attribute(HttpAttributes.USER_AGENT, HttpAttributes.cap(ua));
    }
    ActiveSpan span = b.start();
    ServerRequest r = ServerRequest.open(span, method, remote != null
        ? base.with(Span.wrap(io.scouter.tracing.internal.HeaderCodec.toSpanContext(remote))) : base);
    request.setProperty(PROPERTY, r);
    return r;
  }

  /** After matching: names the span after the route template. */
  public static void matched(ContainerRequestContext request, Class<?> resourceClass, Method resourceMethod) {
    ServerRequest r = get(request);
    if (r == null) {
      return;
    }
    r.matched(resourceMethod);
    r.followToThisThread();
    String route = RouteResolver.route(request.getUriInfo(), resourceClass, resourceMethod);
    if (route != null && r.span.isRecording()) {
      r.span.updateName(r.method + " " + route);
      r.span.setAttribute(HttpAttributes.ROUTE, route);
    }
  }

  /** The response filter: status, scope, and the end of the span when there is no entity to write. */
  public static void response(ContainerRequestContext request, ContainerResponseContext response) {
    ServerRequest r = get(request);
    if (r == null) {
      return;
    }
    r.status(response.getStatus());
    r.closeScope();
    if (!response.hasEntity() || "HEAD".equals(request.getMethod())) {
      r.end();
    }
    // else: ScouterEntityInterceptor ends it after the entity is written
  }

  /** Captures a request entity as input. */
  public static void input(Object requestProperty, Object entity) {
    if (requestProperty instanceof ServerRequest) {
      ((ServerRequest) requestProperty).span.setInput(entity);
    }
  }

  /** Captures a response entity as output. */
  public static void output(Object requestProperty, Object entity) {
    if (requestProperty instanceof ServerRequest) {
      ((ServerRequest) requestProperty).span.setOutput(entity);
    }
  }

  /** Writing the entity failed. */
  public static void writeFailed(Object requestProperty, Throwable t) {
    if (requestProperty instanceof ServerRequest) {
      ((ServerRequest) requestProperty).error(t);
    }
  }

  /** The entity is written: the span ends. */
  public static void written(Object requestProperty) {
    if (requestProperty instanceof ServerRequest) {
      ((ServerRequest) requestProperty).end();
    }
  }

  private static ServerRequest get(ContainerRequestContext request) {
    Object o = request.getProperty(PROPERTY);
    return o instanceof ServerRequest ? (ServerRequest) o : null;
  }
}
