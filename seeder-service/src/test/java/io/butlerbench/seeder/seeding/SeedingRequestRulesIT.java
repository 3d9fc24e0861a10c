package io.butlerbench.seeder.seeding;

import io.butlerbench.testing.TestKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SeedingRequestRulesTest} against the packaged service. */
@QuarkusIntegrationTest
@WithTestResource(TestKeysResource.class)
class SeedingRequestRulesIT extends SeedingRequestRulesTest {}
