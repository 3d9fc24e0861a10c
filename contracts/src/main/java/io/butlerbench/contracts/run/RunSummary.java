package io.butlerbench.contracts.run;

import java.time.Instant;
import java.util.List;

/**
 * A benchmark run as the benchmark service answers it ({@code GET /runs/{id}}, the list of {@code
 * GET /runs}, the 202 of {@code POST /runs}) and as other services read it. On the wire the names
 * are snake_case; a field the run does not have yet (a QUEUED run has no metrics, a run without a
 * candidate model no {@code candidate_model}) is left out, never sent as null.
 *
 * <p>What was measured and how: {@code scenario}, {@code dataset_id}, {@code dataset_version} (of
 * {@code record_count} records), {@code judge}, {@code judge_model}, {@code prompt_version}, and
 * whose summaries ({@code candidate_model}, absent for the stored ones). How: {@code concurrency},
 * {@code seed}, {@code temperature}, {@code repeats}, {@code warn_as_fail}, {@code
 * deadline_seconds}. How it went: {@code status}, its times, {@code progress}; once COMPLETED, its
 * {@code outcome} with the {@code reason}, the {@code metrics}, {@code errors} and their share,
 * {@code judge_calls} and the {@code defect_breakdown}. {@code baseline} tells whether the run is
 * its scenario's blessed baseline, and for that run who blessed it and when.
 */
public record RunSummary(
    String runId,
    String scenario,
    String datasetId,
    String datasetVersion,
    Long recordCount,
    String judge,
    String judgeModel,
    String promptVersion,
    String candidateModel,
    Integer concurrency,
    Long seed,
    Double temperature,
    Boolean warnAsFail,
    Long deadlineSeconds,
    RunStatus status,
    Instant createdAt,
    Integer repeats,
    RunProgress progress,
    Instant startedAt,
    Instant deadlineAt,
    Instant leaseUntil,
    Instant finishedAt,
    List<MetricResult> metrics,
    Outcome outcome,
    String reason,
    Double errorShare,
    Long errors,
    Long judgeCalls,
    List<DefectBreakdown> defectBreakdown,
    boolean baseline,
    String blessedBy,
    Instant blessedAt) {}
