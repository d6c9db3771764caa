package io.scouter.it.sample;

import io.scouter.cdi.CurrentSpan;
import io.scouter.jaxrs.ScouterClientTracing;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Which propagation headers a call carries: {@code GET /api/diag/headers} answers with the trace headers it received;
 * {@code GET /api/diag/relay} calls it over HTTP with a plain JAX-RS client (as {@link OrderResource} does) and
 * answers with the current span and what the callee saw. Lets a test check what the runtime's (or Scouter's) client
 * propagation sends, e.g. the legacy {@code trace_id}/{@code span_id}/{@code is_sampled} headers. Under
 * {@code /diag}: no Scouter SERVER span of its own ({@code scouter.jaxrs.exclude-paths}).
 */
@Path("/diag")
@RequestScoped
public class RelayResource {
  private static final String[] HEADERS = {"traceparent", "trace_id", "span_id", "is_sampled"};

  @Inject
  CurrentSpan span;

  @Context
  UriInfo uriInfo;

  @Context
  HttpHeaders headers;

  /** The propagation headers of this request, as JSON (absent ones are null). */
  @GET
  @Path("/headers")
  @Produces(MediaType.APPLICATION_JSON)
  public String headers() {
    List<String> fields = new ArrayList<>();
    for (String h : HEADERS) {
      fields.add(DiagnosticsResource.quote(h) + ":" + DiagnosticsResource.quote(headers.getHeaderString(h)));
    }
    return "{" + String.join(",", fields) + "}";
  }

  /** Calls {@link #headers()} over HTTP; the current span and the callee's answer, as JSON. */
  @GET
  @Path("/relay")
  @Produces(MediaType.APPLICATION_JSON)
  public String relay() {
    Client client = ScouterClientTracing.register(ClientBuilder.newClient());
    try {
      String seen = client.target(uriInfo.getBaseUri()).path("diag/headers").request(MediaType.APPLICATION_JSON)
          .get(String.class);
      return "{\"traceId\":" + DiagnosticsResource.quote(span.traceId()) + ",\"spanId\":"
          + DiagnosticsResource.quote(span.spanId()) + ",\"seen\":" + seen + "}";
    } finally {
      client.close();
    }
  }
}
