package io.butlerbench.benchmark.run;

import io.butlerbench.service.Json;
import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.problem.Problem;
import io.smallrye.common.annotation.Blocking;
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
import java.util.Map;
import org.bson.Document;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Runs over REST: start (202), poll, list, resume, bless as baseline. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RunResource {
  /** Changed samples a comparison lists unless asked otherwise, and at most. */
  static final int DEFAULT_CHANGED_LIMIT = 100;

  static final int MAX_CHANGED_LIMIT = 1000;

  private final RunService runs;
  private final RunStore store;

  public RunResource(RunService runs, RunStore store) {
    this.runs = runs;
    this.store = store;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(RunRequest request) {
    Document run = runs.start(request);
    return Response.accepted(view(run))
        .location(UriBuilder.fromPath("/runs/{id}").build(run.getString("_id")))
        .build();
  }

  @GET
  public List<Map<String, Object>> latest(
      @QueryParam("scenario") String scenario, @QueryParam("limit") @DefaultValue("20") int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidRequestException(
          "limit", "range", "limit must be within 1-500, was " + limit);
    }
    Map<String, String> baselines = store.baselineRuns();
    return store.latest(scenario, limit).stream().map(run -> view(run, baselines)).toList();
  }

  @GET
  @Path("/{id}")
  public Map<String, Object> run(@PathParam("id") String id) {
    return view(find(id));
  }

  /** One page of the run's results, ordered by sample and repeat. */
  @GET
  @Path("/{id}/samples")
  public List<Map<String, Object>> samples(
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
    return store.samples(id, offset, limit).stream().map(Json::of).toList();
  }

  /** Continues an INTERRUPTED or FAILED run without judging its finished samples again. */
  @POST
  @Path("/{id}/resume")
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
  public Map<String, Object> compare(
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

  /** Marks a completed run as the baseline of its scenario ("bless"). */
  @POST
  @Path("/{id}/baseline")
  public Map<String, Object> baseline(@PathParam("id") String id) {
    Document run = find(id);
    if (!RunStore.COMPLETED.equals(run.getString("status"))) {
      throw new InvalidRequestException(
          "id", "completed", "only a COMPLETED run can be the baseline");
    }
    store.markBaseline(id, run.getString("scenario"));
    return view(find(id));
  }

  /** A stored run as JSON, with {@code baseline} read from the scenario's one baseline pointer. */
  private Map<String, Object> view(Document run) {
    return view(run, store.baselineRuns());
  }

  private static Map<String, Object> view(Document run, Map<String, String> baselines) {
    Map<String, Object> json = Json.of(run);
    json.put("baseline", run.getString("_id").equals(baselines.get(run.getString("scenario"))));
    return json;
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
