package io.butlerbench.benchmark;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.OpenApiContract;
import io.butlerbench.testing.StubbedServicesResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class BenchmarkOpenApiTest extends OpenApiContract {}
