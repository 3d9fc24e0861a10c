package io.butlerbench.seeder.seeding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.butlerbench.service.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A seeding that failed half-way: 503 when MongoDB failed (500 for anything else), as problem+json
 * that says what was written, with the counts as members a client can read.
 */
public class SeedingProblems {
  private static final Logger LOG = Logger.getLogger(SeedingProblems.class);

  /** RFC 9457 with the seeding's counts as extension members. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(description = "A problem (RFC 9457) that says what a failed seeding wrote")
  public record SeedingFailure(
      String type,
      String title,
      int status,
      String detail,
      String seedingId,
      long documentsPlanned,
      long digestsInserted,
      long reviewReportsInserted,
      @Schema(description = "Documents of the batch being written: some may be stored")
          long mayBeStoredToo,
      @Schema(description = "Whether GET /seedings/{seeding_id} says FAILED already")
          boolean recorded) {}

  @ServerExceptionMapper
  public Response seedingFailed(SeedingFailedException e) {
    LOG.errorf(e.getCause(), "%s", e.getMessage());
    Response.Status status =
        e.storeFailed()
            ? Response.Status.SERVICE_UNAVAILABLE
            : Response.Status.INTERNAL_SERVER_ERROR;
    SeedingSnapshot snapshot = e.snapshot();
    return Response.status(status)
        .type(Problem.PROBLEM_JSON)
        .entity(
            new SeedingFailure(
                "urn:butler-bench:problem:seeding-failed",
                "Seeding failed half-way",
                status.getStatusCode(),
                e.getMessage(),
                snapshot.seedingId(),
                snapshot.documentsPlanned(),
                snapshot.digestsInserted(),
                snapshot.reviewReportsInserted(),
                e.uncertain(),
                e.recorded()))
        .build();
  }
}
