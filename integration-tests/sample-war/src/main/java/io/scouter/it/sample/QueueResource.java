package io.scouter.it.sample;

import io.scouter.cdi.CurrentSpan;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/queue/{question}}: {@link EvaluationService#answer}; answers the trace id and the record's uid. */
@Path("/queue")
@RequestScoped
public class QueueResource {
  @Inject
  EvaluationService evaluation;

  @Inject
  CurrentSpan span;

  /** JSON with the trace id and the queued record's uid. */
  @GET
  @Path("/{question}")
  @Produces(MediaType.APPLICATION_JSON)
  public String ask(@PathParam("question") String question) {
    String uid = evaluation.answer(question);
    return "{\"traceId\":\"" + span.traceId() + "\",\"recordUid\":\"" + uid + "\"}";
  }
}
