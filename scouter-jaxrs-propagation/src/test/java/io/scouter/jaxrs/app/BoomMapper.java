package io.scouter.jaxrs.app;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Maps {@link BoomException} to 503 with a body. */
@Provider
public class BoomMapper implements ExceptionMapper<BoomException> {
  @Override
  public Response toResponse(BoomException e) {
    return Response.status(503).entity("mapped: " + e.getMessage()).type("text/plain").build();
  }
}
