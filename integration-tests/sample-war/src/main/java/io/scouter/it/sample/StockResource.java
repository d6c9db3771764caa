package io.scouter.it.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The second resource, called over HTTP by {@link OrderResource}. */
@Path("/stock")
@RequestScoped
public class StockResource {
  @Inject
  StockService stock;

  /** The number of items available. */
  @GET
  @Path("/{item}")
  @Produces(MediaType.TEXT_PLAIN)
  public String available(@PathParam("item") String item) {
    return Integer.toString(stock.available(item));
  }
}
