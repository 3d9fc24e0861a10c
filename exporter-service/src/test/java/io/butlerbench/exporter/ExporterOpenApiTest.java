package io.butlerbench.exporter;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.OpenApiContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
class ExporterOpenApiTest extends OpenApiContract {}
