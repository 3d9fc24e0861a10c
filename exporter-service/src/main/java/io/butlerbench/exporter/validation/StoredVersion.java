package io.butlerbench.exporter.validation;

import io.butlerbench.exporter.dataset.DatasetNames;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /validations} naming a published version to check again. The names become
 * path segments, so each must follow {@link DatasetNames#RULE}: one that does not is the client's
 * error (400), never a path outside the store.
 */
@RegisterForReflection
@Schema(description = "A published version to validate again")
public record StoredVersion(
    @NotNull(message = "dataset_id is required")
        @Pattern(regexp = DatasetNames.REGEX, message = "dataset_id must be " + NAME_RULE)
        @Schema(example = "benchmark_digest_ru_v1")
        String datasetId,
    @NotNull(message = "version is required")
        @Pattern(regexp = DatasetNames.REGEX, message = "version must be " + NAME_RULE)
        String version) {

  static final String NAME_RULE = DatasetNames.RULE + ", was '${validatedValue}'";
}
