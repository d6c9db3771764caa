package io.scouter.jaxrs.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A sub-resource reached through a locator. */
public class CustomerResource {
  private final String cid;

  public CustomerResource(String cid) {
    this.cid = cid;
  }

  @GET
  @Path("/orders/{oid}")
  @Produces(MediaType.TEXT_PLAIN)
  public String order(@PathParam("oid") String oid) {
    return cid + ":" + oid;
  }
}
