package io.scouter.it.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.logging.Logger;

/**
 * {@code GET /diag/log?message=...} logs one {@code java.util.logging} line outside any span ({@code /diag} has no
 * SERVER span, see {@code scouter.jaxrs.exclude-paths}): the log correlation tests check that it carries no ids.
 */
@Path("/diag/log")
@RequestScoped
public class LogLineResource {
  private static final Logger LOG = Logger.getLogger(LogLineResource.class.getName());

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String log(@QueryParam("message") String message) {
    LOG.info("outside a span: " + message);
    return "logged";
  }
}
