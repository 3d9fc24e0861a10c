package io.butlerbench.exporter;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.ServiceConventionsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
class ExporterConventionsTest extends ServiceConventionsContract {
  @Override
  protected String protectedPath() {
    return "/datasets";
  }

  @Override
  protected String readerRole() {
    return "viewer";
  }
}
