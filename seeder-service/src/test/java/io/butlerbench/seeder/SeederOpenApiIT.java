package io.butlerbench.seeder;

import io.butlerbench.testing.TestKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SeederOpenApiTest} against the packaged service. */
@QuarkusIntegrationTest
@WithTestResource(TestKeysResource.class)
class SeederOpenApiIT extends SeederOpenApiTest {}
