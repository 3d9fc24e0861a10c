package io.butlerbench.seeder;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.ServiceConventionsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
class SeederConventionsTest extends ServiceConventionsContract {
  @Override
  protected String protectedPath() {
    return "/channels";
  }

  @Override
  protected String readerRole() {
    return "viewer";
  }
}
