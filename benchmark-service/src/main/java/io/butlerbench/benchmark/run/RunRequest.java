package io.butlerbench.benchmark.run;

import io.butlerbench.service.problem.ConstraintViolations;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /runs}. {@code scenario} is required; {@code dataset_version} defaults to the
 * exporter's latest; {@code judge} is {@code dry-run} (default), {@code reference} or {@code llm};
 * {@code repeats} (1-10) judges every sample that many times, with seeds {@code seed + repeat};
 * {@code deadline_seconds} bounds the run's wall time (default {@code benchmark.run-deadline}). A
 * {@code candidate_model} needs a judge that calls the LLM: a dry run never does. The rules of each
 * field are declared here; those that depend on the registered scenarios, the exporter, the LLM
 * endpoint or on another field are checked by {@link RunService#plan}.
 */
@RegisterForReflection
public record RunRequest(
    @NotNull(message = "scenario is required") String scenario,
    String datasetVersion,
    @Pattern(
            regexp = "dry-run|reference|llm",
            payload = ConstraintViolations.Enum.class,
            message = "judge must be dry-run, reference or llm, was '${validatedValue}'")
        String judge,
    @Pattern(
            regexp = "(?s).*\\S.*",
            payload = ConstraintViolations.NotBlankText.class,
            message = "candidate_model must name a model, or be left out")
        String candidateModel,
    @Min(value = 1, message = CONCURRENCY)
        @Max(value = RunService.MAX_CONCURRENCY, message = CONCURRENCY)
        Integer concurrency,
    Long seed,
    // NaN, which Jackson reads from "NaN", is outside the range too
    @DecimalMin(value = "0", message = TEMPERATURE) @DecimalMax(value = "2", message = TEMPERATURE)
        Double temperature,
    Boolean warnAsFail,
    @Min(value = 1, message = REPEATS) @Max(value = RunService.MAX_REPEATS, message = REPEATS)
        Integer repeats,
    @Min(value = 1, message = DEADLINE)
        @Max(value = RunService.MAX_DEADLINE_SECONDS, message = DEADLINE)
        Long deadlineSeconds) {

  static final String CONCURRENCY =
      "concurrency must be within 1-" + RunService.MAX_CONCURRENCY + ", was ${validatedValue}";
  static final String TEMPERATURE = "temperature must be within 0-2, was ${validatedValue}";
  static final String REPEATS =
      "repeats must be within 1-" + RunService.MAX_REPEATS + ", was ${validatedValue}";
  static final String DEADLINE =
      "deadline_seconds must be within 1-"
          + RunService.MAX_DEADLINE_SECONDS
          + ", was ${validatedValue}";
}
