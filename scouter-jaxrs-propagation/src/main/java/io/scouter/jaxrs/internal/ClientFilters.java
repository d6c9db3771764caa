package io.scouter.jaxrs.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.ScouterSpanBuilder;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.SpanKind;
import io.scouter.tracing.internal.HeaderCodec;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.util.Map;

/**
 * The client filters' logic as static methods, shared by the provider classes ({@code ScouterClientFilter}): each
 * outgoing request becomes a {@link ClientCall}. Not a public API.
 */
public final class ClientFilters {
  private ClientFilters() {}

  /** Starts the CLIENT span (not current) and writes the propagation headers. */
  public static void start(ClientRequestContext request) {
    if (request.getProperty(ClientCall.PROPERTY) != null) {
      return; // the filter is registered twice (e.g. @Provider scanning and explicit registration)
    }

    Object p = request.getProperty(CallHook.PARENT_PROPERTY);
    Context parent = p instanceof Context ? (Context) p : Context.current();
    JaxrsSettings settings = JaxrsRuntime.settings();
    ScouterTracer tracer = JaxrsRuntime.tracer();
    if (tracer != null && JaxrsRuntime.runtimeSdk()) {
      return; // the runtime's OpenTelemetry creates the CLIENT span and writes the headers (its propagators)
    }
    if (tracer == null) {
      // no Scouter tracer: still pass on the caller's trace, if there is one
      inject(request.getHeaders(), Span.fromContext(parent).getSpanContext(), settings);
      return;
    }
    String method = request.getMethod();
    URI uri = request.getUri();
    ScouterSpanBuilder b = tracer.spanBuilder(method).kind(SpanKind.CLIENT).parent(parent)
        .attribute(HttpAttributes.METHOD, method)
        .attribute(HttpAttributes.URL_FULL, HttpAttributes.fullUrl(uri));
    if (uri.getHost() != null) {
      b.attribute(HttpAttributes.SERVER_ADDRESS, uri.getHost());
      int port = HttpAttributes.port(uri);
      if (port > 0) {
        b.attribute(HttpAttributes.SERVER_PORT, port);
      }
    }
    ActiveSpan span = b.start();
    ClientCall call = new ClientCall(span);
    request.setProperty(ClientCall.PROPERTY, call);
    Object hook = request.getProperty(CallHook.PROPERTY);
    if (hook instanceof CallHook) {
      ((CallHook) hook).started(call);
    } else {
      // no wrapper reports failures: an MP async invocation or the enclosing server request ends the call if
      // nothing else does
      AsyncInvocations.add(call);
      ServerRequest server = parent.get(ServerRequest.CONTEXT_KEY);
      if (server != null) {
        server.track(call);
      }
    }
    SpanContext sc = span.unwrap().getSpanContext();
    inject(request.getHeaders(), sc.isValid() ? sc : Span.fromContext(parent).getSpanContext(), settings);
  }

  /** The response arrived. */
  public static void response(ClientRequestContext request, ClientResponseContext response) {
    Object c = request.getProperty(ClientCall.PROPERTY);
    if (c instanceof ClientCall) {
      ((ClientCall) c).response(response.getStatus());
    }
  }

  static void inject(MultivaluedMap<String, Object> headers, SpanContext sc, JaxrsSettings settings) {
    if (!sc.isValid()) {
      return;
    }
    for (Map.Entry<String, String> h : HeaderCodec.headers(sc).entrySet()) {
      String name = h.getKey();
      boolean w3c = name.equals(HeaderCodec.TRACEPARENT) || name.equals(HeaderCodec.TRACESTATE);
      if (w3c ? !settings.sendW3c() : !settings.sendLegacy()) {
        continue;
      }
      if (name.equals(HeaderCodec.TRACESTATE) && h.getValue().isEmpty()) {
        headers.remove(name);
        continue;
      }
      headers.putSingle(name, h.getValue());
    }
  }
}
