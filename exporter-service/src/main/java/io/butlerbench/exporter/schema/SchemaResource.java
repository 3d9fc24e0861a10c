package io.butlerbench.exporter.schema;

import io.butlerbench.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
  static final String SCHEMA_JSON = "application/schema+json";

  private final RecordSchema schema;

  public SchemaResource(RecordSchema schema) {
    this.schema = schema;
  }

  /** The document as kept in this service, byte for byte: a schema is not re-serialised. */
  @GET
  @Path("/" + RecordSchema.VERSION)
  @Produces(SCHEMA_JSON)
  @APIResponse(
      responseCode = "200",
      description = "The JSON Schema (draft 2020-12) every published record conforms to",
      content =
          @Content(
              mediaType = SCHEMA_JSON,
              schema = @Schema(ref = "#/components/schemas/JsonSchema")))
  public String recordSchema() {
    return schema.text();
  }
}
