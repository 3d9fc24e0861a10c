package io.butlerbench.pilot;

import io.butlerbench.testing.TestKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@WithTestResource(TestKeysResource.class)
class PilotConventionsIT extends PilotConventionsTest {}
