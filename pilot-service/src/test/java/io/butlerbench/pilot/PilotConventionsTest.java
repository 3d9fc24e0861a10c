package io.butlerbench.pilot;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.ServiceConventionsContract;
import io.butlerbench.testing.StubbedServicesResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "pilot.exporter-url,pilot.benchmark-url"))
class PilotConventionsTest extends ServiceConventionsContract {
  @Override
  protected String protectedPath() {
    return "/pilots";
  }

  @Override
  protected String readerRole() {
    return "viewer";
  }
}
