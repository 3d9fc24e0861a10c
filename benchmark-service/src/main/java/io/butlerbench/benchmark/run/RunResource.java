package io.butlerbench.benchmark.run;

import io.butlerbench.contracts.run.RunSummary;
import io.butlerbench.contracts.run.SampleRead;
import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.problem.Problem;
import io.butlerbench.service.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Runs over REST: start (202), poll, list, resume, bless as baseline. Every role reads; starting,
 * resuming and blessing need the roles their methods declare (docs/security.md).
 */
@Path("/runs")
@RolesAllowed({
  Roles.VIEWER,
  Roles.OPERATOR,
  Roles.ML_ENGINEER,
  Roles.ML_LEAD,
  Roles.OPERATIONS_OWNER,
  Roles.SERVICE
})
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RunResource {
  /** Changed samples a comparison lists unless asked otherwise, and at most. */
  static final int DEFAULT_CHANGED_LIMIT = 100;

  static final int MAX_CHANGED_LIMIT = 1000;

  private static final String PROBLEM_400 =
      "The request is invalid: problem+json naming the field and the rule it breaks";

  private final RunService runs;
  private final RunStore store;
  private final SampleReads reads;
  private final JsonWebToken caller;

  public RunResource(RunService runs, RunStore store, SampleReads reads, JsonWebToken caller) {
    this.runs = runs;
    this.store = store;
    this.reads = reads;
    this.caller = caller;
  }

  @POST
  @RolesAllowed({Roles.OPERATOR, Roles.ML_ENGINEER, Roles.SERVICE})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Start a run: recorded QUEUED and executed in the background")
  @APIResponse(
      responseCode = "202",
      description = "The run, QUEUED; Location is where to poll it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunSummary.class)))
  @APIResponse(responseCode = "400", description = PROBLEM_400)
  @APIResponse(
      responseCode = "429",
      description = "Every run slot of this instance is taken; Retry-After says when to retry")
  @APIResponse(responseCode = "502", description = "The exporter failed")
  public Response start(@Valid RunRequest request) {
    Document run = runs.start(request);
    return Response.accepted(view(run))
        .location(UriBuilder.fromPath("/runs/{id}").build(run.getString("_id")))
        .build();
  }

  @GET
  @Operation(summary = "The latest runs, newest first, of one scenario or all")
  @APIResponse(
      responseCode = "200",
      description = "The runs",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = RunSummary.class)))
  @APIResponse(responseCode = "400", description = PROBLEM_400)
  public List<RunSummary> latest(
      @QueryParam("scenario") String scenario, @QueryParam("limit") @DefaultValue("20") int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidRequestException(
          "limit", "range", "limit must be within 1-500, was " + limit);
    }
    return RunSummaries.of(store.latest(scenario, limit), store.baselineRuns());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A run: its status, progress and, once completed, its verdict")
  @APIResponse(
      responseCode = "200",
      description = "The run",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunSummary.class)))
  @APIResponse(responseCode = "404", description = "No such run")
  public RunSummary run(@PathParam("id") String id) {
    return view(find(id));
  }

  /**
   * One page of the run's results, ordered by sample and repeat. Reading this list records no read
   * of any sample: a sample counts as read (for a pilot's {@code samples_read}) only once {@code
   * GET /runs/{id}/samples/{sample_id}} has served it.
   */
  @GET
  @Path("/{id}/samples")
  @Operation(summary = "One page of the run's results; records no read")
  @APIResponse(
      responseCode = "200",
      description = "The page of results, by sample and repeat",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = SampleResult.class)))
  @APIResponse(responseCode = "400", description = PROBLEM_400)
  @APIResponse(responseCode = "404", description = "No such run")
  public List<SampleResult> samples(
      @PathParam("id") String id,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (offset < 0) {
      throw new InvalidRequestException("offset", "range", "offset must be 0 or more");
    }
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException(
          "limit", "range", "limit must be within 1-1000, was " + limit);
    }
    find(id);
    return store.samples(id, offset, limit).stream().map(SampleResults::of).toList();
  }

  /**
   * The stored results of one sample of the run, one per repeat; 404 when the run has none. Serving
   * them records that the caller's subject read this sample ({@code sample_reads}; the first time
   * is kept), which is what a pilot's {@code samples_read} is checked against.
   */
  @GET
  @Path("/{id}/samples/{sample_id}")
  @Operation(summary = "The results of one sample, one per repeat; records the caller's read")
  @APIResponse(
      responseCode = "200",
      description = "The sample's results, one per repeat",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = SampleResult.class)))
  @APIResponse(responseCode = "404", description = "No such run, or no such sample in it")
  public List<SampleResult> sample(
      @PathParam("id") String id, @PathParam("sample_id") String sampleId) {
    find(id);
    List<Document> results = store.sample(id, sampleId);
    if (results.isEmpty()) {
      throw new NotFoundException("No sample '" + sampleId + "' in run '" + id + "'");
    }
    reads.record(id, sampleId, caller.getSubject());
    return results.stream().map(SampleResults::of).toList();
  }

  /**
   * The samples of the run that {@code subject} was served by {@code GET
   * /runs/{id}/samples/{sample_id}}, each with the first time: {@code [{"sample_id", "subject",
   * "read_at"}]} by sample id, at most {@value SampleReads#MAX_LISTED}.
   */
  @GET
  @Path("/{id}/reads")
  @Operation(summary = "The samples of the run a subject was served, with the first time")
  @APIResponse(
      responseCode = "200",
      description = "The reads, by sample id",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = SampleRead.class)))
  @APIResponse(responseCode = "400", description = PROBLEM_400)
  @APIResponse(responseCode = "404", description = "No such run")
  public List<SampleRead> reads(@PathParam("id") String id, @QueryParam("subject") String subject) {
    if (subject == null || subject.isEmpty()) {
      throw new InvalidRequestException(
          "subject", "required", "subject is required: the reads of whom");
    }
    find(id);
    return reads.of(id, subject).stream()
        .map(
            read ->
                new SampleRead(
                    read.getString("sample_id"),
                    read.getString("subject"),
                    read.getDate("first_read_at").toInstant()))
        .toList();
  }

  /** Continues an INTERRUPTED or FAILED run without judging its finished samples again. */
  @POST
  @RolesAllowed({Roles.OPERATOR, Roles.SERVICE})
  @Path("/{id}/resume")
  @Operation(summary = "Continue an INTERRUPTED or FAILED run; finished samples are kept")
  @APIResponse(
      responseCode = "202",
      description = "The run, QUEUED again",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunSummary.class)))
  @APIResponse(responseCode = "404", description = "No such run")
  @APIResponse(
      responseCode = "409",
      description = "The run is not INTERRUPTED or FAILED, or another request resumed it first")
  @APIResponse(responseCode = "429", description = "Every run slot of this instance is taken")
  public Response resume(@PathParam("id") String id) {
    Document run = find(id);
    String status = run.getString("status");
    if (!RunStore.INTERRUPTED.equals(status) && !RunStore.FAILED.equals(status)) {
      return Problem.of(
              Response.Status.CONFLICT,
              "run " + id + " is " + status + "; only INTERRUPTED or FAILED runs can be resumed")
          .toResponse();
    }
    if (!runs.resume(run)) {
      return Problem.of(
              Response.Status.CONFLICT,
              "run "
                  + id
                  + " is "
                  + find(id).getString("status")
                  + "; another request resumed it first")
          .toResponse();
    }
    return Response.accepted(view(find(id))).build();
  }

  /**
   * The candidate run {@code other} against this base run: per-metric deltas with 95 % bootstrap
   * intervals, and the samples whose outcome changed: their total, and one page of them in sample
   * order ({@code changed_offset}, {@code changed_limit}: the first 100 unless asked otherwise).
   * {@code baseline} as id takes the scenario's blessed baseline. Both runs' results are streamed,
   * never loaded (see {@link RunComparison}).
   */
  @GET
  @Path("/{id}/compare/{other}")
  @Operation(summary = "A candidate run against a base run, or against the blessed baseline")
  @APIResponse(
      responseCode = "200",
      description = "The comparison",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Comparison.class)))
  @APIResponse(responseCode = "400", description = PROBLEM_400)
  @APIResponse(responseCode = "404", description = "No such run, or no baseline")
  public Comparison compare(
      @PathParam("id") String id,
      @PathParam("other") String other,
      @QueryParam("changed_offset") @DefaultValue("0") int changedOffset,
      @QueryParam("changed_limit") @DefaultValue("" + DEFAULT_CHANGED_LIMIT) int changedLimit) {
    if (changedOffset < 0) {
      throw new InvalidRequestException(
          "changed_offset", "range", "changed_offset must be 0 or more");
    }
    if (changedLimit < 0 || changedLimit > MAX_CHANGED_LIMIT) {
      throw new InvalidRequestException(
          "changed_limit",
          "range",
          "changed_limit must be within 0-" + MAX_CHANGED_LIMIT + ", was " + changedLimit);
    }
    Document candidate = find(other);
    Document base =
        id.equals("baseline")
            ? store
                .baseline(candidate.getString("scenario"))
                .orElseThrow(
                    () ->
                        new NotFoundException("No baseline for " + candidate.getString("scenario")))
            : find(id);
    if (!base.getString("scenario").equals(candidate.getString("scenario"))) {
      throw new InvalidRequestException(
          "other", "same-scenario", "runs of different scenarios cannot be compared");
    }
    return RunComparison.compare(
        store,
        runs.scenario(base.getString("scenario")),
        base,
        candidate,
        new RunComparison.Page(changedOffset, changedLimit));
  }

  /**
   * Marks a completed run as the baseline of its scenario ("bless"). The blessing records its
   * actor, {@code blessed_by}: the subject of the caller's token. A request body is not read, so no
   * field in it can name another actor.
   */
  @POST
  @RolesAllowed({Roles.ML_LEAD, Roles.OPERATOR})
  @Path("/{id}/baseline")
  @Operation(summary = "Bless a COMPLETED run as its scenario's baseline")
  @APIResponse(
      responseCode = "200",
      description = "The run, now its scenario's baseline",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunSummary.class)))
  @APIResponse(responseCode = "400", description = "The run is not COMPLETED")
  @APIResponse(responseCode = "404", description = "No such run")
  public RunSummary baseline(@PathParam("id") String id) {
    Document run = find(id);
    if (!RunStore.COMPLETED.equals(run.getString("status"))) {
      throw new InvalidRequestException(
          "id", "completed", "only a COMPLETED run can be the baseline");
    }
    store.markBaseline(id, run.getString("scenario"), caller.getSubject());
    return view(find(id));
  }

  /**
   * A stored run as the API answers it, with {@code baseline} read from the scenario's one baseline
   * pointer, and for the baseline who blessed it and when ({@code blessed_by}, {@code blessed_at}).
   */
  private RunSummary view(Document run) {
    return RunSummaries.of(run, store.baselineRuns());
  }

  /** Every run slot of this instance is taken: come back later (RFC 9110 Retry-After). */
  @ServerExceptionMapper
  public Response atCapacity(Runner.AtCapacityException e) {
    return Response.fromResponse(
            Problem.of(Response.Status.TOO_MANY_REQUESTS, e.getMessage() + "; retry later")
                .toResponse())
        .header("Retry-After", "30")
        .build();
  }

  private Document find(String id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("No run '" + id + "'"));
  }
}
