package io.butlerbench.pilot.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.service.security.ServiceTokenHeaders;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The exporter's API as the pilot reads it, with this service's token; called through {@link
 * ExporterCalls}, which declares the fault tolerance of each call.
 */
@RegisterRestClient(configKey = "exporter")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@RegisterProvider(UpstreamAnswer.Mapper.class)
@Produces(MediaType.APPLICATION_JSON)
public interface ExporterApi {

  @GET
  @Path("/datasets/{dataset}/latest")
  DatasetManifest latest(@PathParam("dataset") String dataset);

  @GET
  @Path("/datasets/{dataset}/versions/{version}")
  DatasetManifest version(
      @PathParam("dataset") String dataset, @PathParam("version") String version);

  @POST
  @Path("/validations")
  @Consumes(MediaType.APPLICATION_JSON)
  DatasetValidation validate(DatasetValidation.Request request);

  /**
   * The records of a version as NDJSON, streamed: the call returns with the answer's headers, the
   * body is read as it comes ({@link RecordStream}).
   */
  @GET
  @Path("/datasets/{dataset}/versions/{version}/records")
  @Produces("application/x-ndjson")
  InputStream records(@PathParam("dataset") String dataset, @PathParam("version") String version);

  /** The liveness probe readiness asks. */
  @GET
  @Path("/q/health/live")
  Response live();

  @ClientObjectMapper
  static ObjectMapper json(ObjectMapper service) {
    return TolerantJson.of(service);
  }
}
