package io.butlerbench.benchmark;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.contracts.run.DefectBreakdown;
import io.butlerbench.contracts.run.MetricResult;
import io.butlerbench.contracts.run.RunProgress;
import io.butlerbench.contracts.run.RunSummary;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A run's fields that it does not have yet are left out of its JSON, not sent as null: the
 * contracts module, plain Java, cannot say so on the records themselves.
 */
@Singleton
public class RunJson implements ObjectMapperCustomizer {
  private static final List<Class<?>> LEAVE_OUT_NULLS =
      List.of(RunSummary.class, RunProgress.class, MetricResult.class, DefectBreakdown.class);

  @Override
  public void customize(ObjectMapper mapper) {
    JsonInclude.Value nonNull = JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, null);
    LEAVE_OUT_NULLS.forEach(type -> mapper.configOverride(type).setInclude(nonNull));
  }
}
