package io.butlerbench.exporter.schema;

import io.butlerbench.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Serves the record schema so that producers and consumers validate against the same document. */
@RolesAllowed({
  Roles.VIEWER,
  Roles.OPERATOR,
  Roles.ML_ENGINEER,
  Roles.ML_LEAD,
  Roles.OPERATIONS_OWNER,
  Roles.SERVICE
})
@Path("/schemas")
public class SchemaResource {
  private final RecordSchema schema;

  public SchemaResource(RecordSchema schema) {
    this.schema = schema;
  }

  @GET
  @Path("/" + RecordSchema.VERSION)
  @Produces("application/schema+json")
  public String recordSchema() {
    return schema.text();
  }
}
