package io.butlerbench.pilot;

import io.butlerbench.testing.TestKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link PersonalDataFindingsAreCappedTest} against the packaged service. */
@QuarkusIntegrationTest
@WithTestResource(TestKeysResource.class)
class PersonalDataFindingsAreCappedIT extends PersonalDataFindingsAreCappedTest {}
