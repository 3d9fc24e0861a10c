package io.butlerbench.pilot;

import io.butlerbench.testing.TestKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AFailingFineTuningProviderIsA502ProblemTest} against the packaged service. */
@QuarkusIntegrationTest
@WithTestResource(TestKeysResource.class)
class AFailingFineTuningProviderIsA502ProblemIT
    extends AFailingFineTuningProviderIsA502ProblemTest {}
