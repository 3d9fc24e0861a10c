package io.butlerbench.benchmark;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.TestKeysResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged service, run as it ships: the conventions every service keeps (errors, security,
 * health, metrics).
 */
@QuarkusIntegrationTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(TestKeysResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class BenchmarkConventionsIT extends BenchmarkConventionsTest {}
