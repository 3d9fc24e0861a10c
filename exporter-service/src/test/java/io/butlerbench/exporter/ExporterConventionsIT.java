package io.butlerbench.exporter;

import io.butlerbench.testing.TestKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ExporterConventionsTest} against the packaged service. */
@QuarkusIntegrationTest
@WithTestResource(TestKeysResource.class)
@WithTestResource(DatasetFolderResource.class)
class ExporterConventionsIT extends ExporterConventionsTest {}
