package io.butlerbench.seeder;

import io.butlerbench.testing.TestKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MongoOutageTest} against the packaged service: it starts while MongoDB is down. */
@QuarkusIntegrationTest
@WithTestResource(TestKeysResource.class)
class MongoOutageIT extends MongoOutageTest {}
