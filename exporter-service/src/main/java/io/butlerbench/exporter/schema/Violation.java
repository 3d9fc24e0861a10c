package io.butlerbench.exporter.schema;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One broken schema rule: the keyword that failed ({@code required}, {@code type}, {@code enum},
 * ...), where in the record (a JSON pointer) and the validator's message.
 */
@RegisterForReflection
public record Violation(
    @Schema(example = "required") String rule,
    @Schema(description = "JSON pointer into the record", example = "/metadata/llm_model")
        String location,
    String message) {}
