package io.scouter.demo;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** A step that threw on the input becomes 422 with the message (the step's span already is ERROR). */
@Provider
public class BadInputMapper implements ExceptionMapper<IllegalArgumentException> {
  @Override
  public Response toResponse(IllegalArgumentException e) {
    return Response.status(422).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
  }
}
