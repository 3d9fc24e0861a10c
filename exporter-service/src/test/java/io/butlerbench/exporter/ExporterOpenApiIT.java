package io.butlerbench.exporter;

import io.butlerbench.testing.TestKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link ExporterOpenApiTest} against the packaged service: the same document, the same snapshot.
 */
@QuarkusIntegrationTest
@WithTestResource(TestKeysResource.class)
@WithTestResource(DatasetFolderResource.class)
class ExporterOpenApiIT extends ExporterOpenApiTest {}
