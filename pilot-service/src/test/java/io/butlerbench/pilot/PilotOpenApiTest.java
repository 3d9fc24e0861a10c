package io.butlerbench.pilot;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.OpenApiContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
class PilotOpenApiTest extends OpenApiContract {}
