package io.butlerbench.seeder;

import io.butlerbench.testing.TypedBoundariesContract;

class SeederTypedBoundariesTest extends TypedBoundariesContract {
  @Override
  protected String rootPackage() {
    return "io.butlerbench.seeder";
  }
}
