package io.butlerbench.benchmark.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The stored result of one sample of a run, one per repeat: scored ({@code status} OK, with its
 * {@code scores} per judged metric) or ERROR with its {@code error}, never both; what judging it
 * cost ({@code judge_calls}, tokens, whether the judge cache answered) and its latency. {@code
 * candidate_summary} is the summary a candidate model wrote, when the run names one. A field the
 * result does not have is left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "SampleResult")
public record SampleResult(
    String runId,
    String sampleId,
    Integer repeat,
    List<String> injectedDefects,
    @Schema(enumeration = {"OK", "ERROR"}) String status,
    Map<String, Double> scores,
    String error,
    String candidateSummary,
    Double latencySeconds,
    Long judgeCalls,
    Boolean cached,
    Long promptTokens,
    Long completionTokens) {}
