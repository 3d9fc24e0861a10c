package io.butlerbench.benchmark;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.ServiceConventionsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(OutsideWorldStub.class)
class BenchmarkConventionsTest extends ServiceConventionsContract {}
