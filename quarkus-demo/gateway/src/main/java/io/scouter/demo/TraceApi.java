package io.scouter.demo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Same-origin proxy of the dev server's JSON API for the trace page (excluded from tracing by
 * {@code scouter.jaxrs.exclude-paths}, so polling does not create traces).
 */
@Path("/dev-api")
@Produces(MediaType.APPLICATION_JSON)
public class TraceApi {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @ConfigProperty(name = "scouter.http.uri")
  String scouterUri;

  @GET
  @Path("/traces")
  public Response traces() {
    return forward("/scouter/dev/traces");
  }

  @GET
  @Path("/spans")
  public Response spans(@QueryParam("trace_id") String traceId) {
    return forward("/scouter/trace/spans" + (traceId == null ? ""
        : "?trace_id=" + URLEncoder.encode(traceId, StandardCharsets.UTF_8)));
  }

  private Response forward(String path) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(scouterUri.replaceAll("/+$", "") + path))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return Response.status(r.statusCode()).entity(r.body()).build();
    } catch (Exception e) {
      return Response.status(502).entity("{\"error\":\"dev server not reachable at " + scouterUri + "\"}").build();
    }
  }
}
