package io.butlerbench.pilot.api;

import io.butlerbench.pilot.alias.AliasStore;
import io.butlerbench.pilot.training.TrainingPoller;
import io.butlerbench.pilot.workflow.Approvals;
import io.butlerbench.pilot.workflow.BenchmarkRuns;
import io.butlerbench.pilot.workflow.ClaimRecovery;
import io.butlerbench.pilot.workflow.PilotAction;
import io.butlerbench.pilot.workflow.PilotConflictException;
import io.butlerbench.pilot.workflow.PilotRequest;
import io.butlerbench.pilot.workflow.PilotService;
import io.butlerbench.pilot.workflow.PilotState;
import io.butlerbench.pilot.workflow.PilotStore;
import io.butlerbench.pilot.workflow.SignOffs;
import io.butlerbench.pilot.workflow.Workflow;
import io.butlerbench.service.problem.Problem;
import io.butlerbench.service.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The pilot over REST: one POST per step; each answers the pilot as it now stands. Every read is
 * open to every role; each step declares the roles that may take it. Who acts is the subject of the
 * caller's signed token, never a field of the body (a body naming someone is a 400: unknown field).
 */
@RolesAllowed({
  Roles.VIEWER,
  Roles.OPERATOR,
  Roles.ML_ENGINEER,
  Roles.ML_LEAD,
  Roles.OPERATIONS_OWNER,
  Roles.SERVICE
})
@Path("/pilots")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class PilotResource {
  private final PilotService pilots;
  private final PilotStore store;
  private final AliasStore aliases;
  private final Views views;
  private final JsonWebToken caller;

  public PilotResource(
      PilotService pilots, PilotStore store, AliasStore aliases, Views views, JsonWebToken caller) {
    this.pilots = pilots;
    this.store = store;
    this.aliases = aliases;
    this.views = views;
    this.caller = caller;
  }

  /**
   * How a step is taken: some take a reason, a judge or a provider. Who takes it is the token's.
   */
  @RegisterForReflection
  public record Step(String reason, String judge, String provider) {}

  /** {@code role}: which of the two roles the approver signs in; the token must carry it. */
  @RegisterForReflection
  public record ApprovalRequest(String role, String comment) {}

  @RegisterForReflection
  public record TrainedModel(String model) {}

  /**
   * {@code samples_read}: 5 samples of the evaluation run the decider fetched from the benchmark.
   */
  @RegisterForReflection
  public record DecisionRequest(Boolean go, String reason, List<String> samplesRead) {}

  /** The approver's token does not carry the role they sign in. */
  static final class RoleNotHeldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RoleNotHeldException(String detail) {
      super(detail);
    }
  }

  /** 201 with the new pilot in DRAFT and where it lives. */
  @POST
  @RolesAllowed(Roles.ML_ENGINEER)
  @APIResponse(
      responseCode = "201",
      description = "The pilot, created in DRAFT",
      content = @Content(schema = @Schema(implementation = PilotView.class)))
  public Response create(PilotRequest request) {
    var pilot = pilots.create(request, actor());
    return Response.created(UriBuilder.fromPath("/pilots/{id}").build(pilot.getString("_id")))
        .entity(views.pilot(pilot))
        .build();
  }

  /** The 50 latest pilots, newest first. */
  @GET
  public List<PilotView> list() {
    return store.latest(50).stream().map(views::pilot).toList();
  }

  @GET
  @Path("/{id}")
  public PilotView get(@PathParam("id") String id) {
    return views.pilot(pilots.load(id));
  }

  @POST
  @RolesAllowed(Roles.ML_ENGINEER)
  @Path("/{id}/validation")
  public PilotView validate(@PathParam("id") String id, Step step) {
    return views.pilot(pilots.validate(id, actor()));
  }

  /** 202: the run is started; the pilot waits in BASELINE_RUNNING until the run poller moves it. */
  @POST
  @RolesAllowed(Roles.ML_ENGINEER)
  @Path("/{id}/baseline")
  @APIResponse(
      responseCode = "202",
      description = "The pilot, waiting in BASELINE_RUNNING for its run",
      content = @Content(schema = @Schema(implementation = PilotView.class)))
  public Response baseline(@PathParam("id") String id, Step step) {
    return accepted(pilots.recordBaseline(id, actor(), step == null ? null : step.judge()));
  }

  /**
   * A sign-off as ML lead or operations owner, whichever {@code role} names: the token must carry
   * that role (403, rule {@code role-not-held}); the approver is the token's subject, who must not
   * be the initiator nor have approved in the other role (409 naming the rule).
   */
  @POST
  @RolesAllowed({Roles.ML_LEAD, Roles.OPERATIONS_OWNER})
  @Path("/{id}/approvals")
  public PilotView approve(@PathParam("id") String id, ApprovalRequest approval) {
    Approvals.Role role = SignOffs.approvalRole(approval == null ? null : approval.role());
    if (!caller.getGroups().contains(role.tokenRole())) {
      throw new RoleNotHeldException(
          "Your token does not carry the role "
              + role.tokenRole()
              + ": you can approve only in a role you hold");
    }
    return views.pilot(
        pilots.approve(id, role, actor(), approval == null ? null : approval.comment()));
  }

  @POST
  @RolesAllowed(Roles.ML_ENGINEER)
  @Path("/{id}/training")
  public PilotView startTraining(@PathParam("id") String id, Step step) {
    return views.pilot(pilots.startTraining(id, actor(), step == null ? null : step.provider()));
  }

  /** The operator of the external provider registers the model the GPU node trained. */
  @POST
  @RolesAllowed(Roles.OPERATOR)
  @Path("/{id}/trained-model")
  public PilotView trainedModel(@PathParam("id") String id, TrainedModel trained) {
    return views.pilot(
        pilots.registerTrainedModel(id, trained == null ? null : trained.model(), actor()));
  }

  /** What the provider trains on: for the initiator, the operator of the GPU node, a service. */
  @GET
  @RolesAllowed({Roles.ML_ENGINEER, Roles.OPERATOR, Roles.SERVICE})
  @Path("/{id}/training-file")
  @Produces("application/x-ndjson")
  @APIResponse(
      responseCode = "200",
      description = "One chat per record of the pilot's dataset, streamed",
      content =
          @Content(
              mediaType = "application/x-ndjson",
              schema = @Schema(implementation = TrainingLine.class)))
  public Response trainingFile(@PathParam("id") String id) {
    // checked before the body starts: a refusal must be a 409, not a cut stream; the exporter is
    // asked before it too, so that its failure is a 502
    var pilot = pilots.releasedForTraining(id);
    InputStream file = pilots.trainingFile(pilot);
    // line by line as the dataset is read: the file is never held in memory
    StreamingOutput body =
        out -> {
          try (file) {
            file.transferTo(out);
          }
        };
    return Response.ok(body, "application/x-ndjson").build();
  }

  /** 202: the run is started; the pilot waits in EVALUATING until the run poller moves it. */
  @POST
  @RolesAllowed(Roles.ML_ENGINEER)
  @Path("/{id}/evaluation")
  @APIResponse(
      responseCode = "202",
      description = "The pilot, waiting in EVALUATING for its run",
      content = @Content(schema = @Schema(implementation = PilotView.class)))
  public Response evaluate(@PathParam("id") String id, Step step) {
    return accepted(pilots.evaluate(id, actor(), step == null ? null : step.judge()));
  }

  @POST
  @RolesAllowed(Roles.ML_LEAD)
  @Path("/{id}/decision")
  public PilotView decide(@PathParam("id") String id, DecisionRequest decision) {
    if (decision == null) {
      decision = new DecisionRequest(null, null, null);
    }
    return views.pilot(
        pilots.decide(id, actor(), decision.go(), decision.reason(), decision.samplesRead()));
  }

  @POST
  @RolesAllowed(Roles.OPERATIONS_OWNER)
  @Path("/{id}/promotion")
  public PilotView promote(@PathParam("id") String id, Step step) {
    return views.pilot(pilots.promote(id, actor(), step == null ? null : step.reason()));
  }

  @POST
  @RolesAllowed({Roles.ML_LEAD, Roles.OPERATIONS_OWNER})
  @Path("/{id}/rejection")
  public PilotView reject(@PathParam("id") String id, Step step) {
    return views.pilot(pilots.reject(id, actor(), step == null ? null : step.reason()));
  }

  /**
   * Champion is moved back at once (ROLLED_BACK); 202 while the recovery run that confirms it is
   * pending (the run poller records it), 200 when it could not be had (its error recorded).
   */
  @POST
  @RolesAllowed(Roles.OPERATIONS_OWNER)
  @Path("/{id}/rollback")
  @APIResponse(
      responseCode = "202",
      description = "Rolled back; the recovery run is pending",
      content = @Content(schema = @Schema(implementation = PilotView.class)))
  @APIResponse(
      responseCode = "200",
      description = "Rolled back; the recovery run could not be had (its error recorded)",
      content = @Content(schema = @Schema(implementation = PilotView.class)))
  public Response rollBack(@PathParam("id") String id, Step step) {
    var pilot =
        pilots.rollBack(
            id, actor(), step == null ? null : step.reason(), step == null ? null : step.judge());
    var rollback = pilot.get("rollback", org.bson.Document.class);
    var recovery = rollback == null ? null : rollback.get("recovery_run", org.bson.Document.class);
    return recovery != null && Boolean.TRUE.equals(recovery.getBoolean("pending"))
        ? accepted(pilot)
        : Response.ok(views.pilot(pilot)).build();
  }

  @POST
  @RolesAllowed(Roles.ML_ENGINEER)
  @Path("/{id}/failure")
  public PilotView fail(@PathParam("id") String id, Step step) {
    return views.pilot(pilots.fail(id, actor(), step == null ? null : step.reason()));
  }

  @GET
  @Path("/{id}/audit")
  public List<AuditEntryView> audit(@PathParam("id") String id) {
    pilots.load(id);
    return store.audit(id).stream().map(views::auditEntry).toList();
  }

  @GET
  @Path("/{id}/report")
  @Produces("text/markdown; charset=utf-8")
  public String report(@PathParam("id") String id) {
    var pilot = pilots.load(id);
    return SignOffReport.markdown(pilot, aliases.byPilot(id), store.audit(id));
  }

  /** 403 naming the rule: the token verified and may approve, but not in the role it names. */
  @ServerExceptionMapper
  public Response roleNotHeld(RoleNotHeldException e) {
    return new Problem(
            "urn:butler-bench:problem:forbidden",
            "Forbidden",
            403,
            e.getMessage(),
            "role",
            "role-not-held")
        .toResponse();
  }

  /** 409 with the state and the actions it allows: the caller never guesses. */
  @ServerExceptionMapper
  public Response refused(Workflow.ActionRefusedException e) {
    return conflict(
        "urn:butler-bench:problem:action-not-allowed",
        "Action not allowed in this state",
        e.getMessage(),
        e.state(),
        null,
        e.allowed());
  }

  /** 409 with the state, the rule that refused and the actions the state allows. */
  @ServerExceptionMapper
  public Response conflict(PilotConflictException e) {
    return conflict(
        "urn:butler-bench:problem:pilot-conflict",
        "Refused in this state",
        e.getMessage(),
        e.state(),
        e.rule(),
        Workflow.allowed(e.state()));
  }

  private static Response conflict(
      String type,
      String title,
      String detail,
      PilotState state,
      String rule,
      Set<PilotAction> allowed) {
    return Response.status(409)
        .type(Problem.PROBLEM_JSON)
        .entity(
            new StateConflict(
                type,
                title,
                409,
                detail,
                state.name(),
                rule,
                allowed.stream().map(Enum::name).sorted().toList()))
        .build();
  }

  /** A 409 problem with the state and the actions it allows; {@code rule} left out when none. */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  @RegisterForReflection
  record StateConflict(
      String type,
      String title,
      int status,
      String detail,
      String state,
      String rule,
      List<String> allowedActions) {}

  /** 202 with the pilot as it now stands; where to follow it. */
  private Response accepted(org.bson.Document pilot) {
    return Response.accepted(views.pilot(pilot))
        .location(UriBuilder.fromPath("/pilots/{id}").build(pilot.getString("_id")))
        .build();
  }

  /** Who acts: the subject of the caller's verified token. A token that names nobody is a 401. */
  private String actor() {
    String subject = caller.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new AuthenticationFailedException("the token has no subject (sub): nobody to act as");
    }
    if (SYSTEM_ACTORS.contains(subject)) {
      throw new ReservedSubjectException(subject);
    }
    return subject;
  }

  /**
   * The names the system acts under in the audit: a person's token must not carry one, or their
   * step would read as the system's.
   */
  static final Set<String> SYSTEM_ACTORS =
      Set.of(BenchmarkRuns.ACTOR, TrainingPoller.ACTOR, ClaimRecovery.ACTOR);

  /** A token whose subject is one of {@link #SYSTEM_ACTORS}. */
  static final class ReservedSubjectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReservedSubjectException(String subject) {
      super(
          "The token's subject '"
              + subject
              + "' is a name the pilot service itself acts under in the audit; a person or"
              + " service acts under a subject of its own (docs/security.md)");
    }
  }

  @ServerExceptionMapper
  public Response reservedSubject(ReservedSubjectException e) {
    return new Problem(
            "urn:butler-bench:problem:forbidden",
            "Forbidden",
            403,
            e.getMessage(),
            null,
            "reserved-subject")
        .toResponse();
  }
}
