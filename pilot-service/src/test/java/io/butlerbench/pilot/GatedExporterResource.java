package io.butlerbench.pilot;

import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A {@link GatedExporter} of 40 records as the pilot's exporter (and benchmark, unused); injected
 * into the test's {@link InjectStub} field of that type.
 */
public class GatedExporterResource implements QuarkusTestResourceLifecycleManager {
  private GatedExporter exporter;

  @Override
  public Map<String, String> start() {
    exporter = new GatedExporter(40);
    return Map.of(
        "pilot.exporter-url", exporter.baseUrl(), "pilot.benchmark-url", exporter.baseUrl());
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        exporter, new TestInjector.AnnotatedAndMatchesType(InjectStub.class, GatedExporter.class));
  }

  @Override
  public void stop() {
    if (exporter != null) {
      exporter.close();
    }
  }
}
