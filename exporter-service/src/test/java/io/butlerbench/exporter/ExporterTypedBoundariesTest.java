package io.butlerbench.exporter;

import io.butlerbench.testing.TypedBoundariesContract;

class ExporterTypedBoundariesTest extends TypedBoundariesContract {
  @Override
  protected String rootPackage() {
    return "io.butlerbench.exporter";
  }
}
