package io.butlerbench.contracts.run;

/**
 * One metric of a completed run: its value (a mean over scored samples; the 95th percentile for
 * {@code latency_p95}), where it lands against the scenario's {@code pass} and {@code warn} limits,
 * over how many samples, its spread across repeats, and whether it is so close to a limit that a
 * person should review it.
 */
public record MetricResult(
    String metric,
    Double value,
    Outcome outcome,
    Double pass,
    Double warn,
    Long samples,
    Double spread,
    Boolean reviewNeeded) {}
