package io.butlerbench.pilot.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.pilot.clients.TolerantJson;
import io.butlerbench.pilot.clients.UpstreamAnswer;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * An OpenAI-compatible fine-tuning API, authenticated with the provider's API key; called through
 * {@link FineTuningCalls}, which declares the fault tolerance of each call.
 */
@RegisterRestClient(configKey = "fine-tuning")
@RegisterClientHeaders(ProviderKeyHeaders.class)
@RegisterProvider(UpstreamAnswer.Mapper.class)
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface FineTuningApi {

  /**
   * Uploads a training file: {@code body} is the whole multipart form ({@link TrainingFileUpload}),
   * sent in chunks as it is read.
   */
  @POST
  @Path("/files")
  FineTuningJob.UploadedFile upload(
      @HeaderParam("Content-Type") String contentType, InputStream body);

  @POST
  @Path("/fine_tuning/jobs")
  @Consumes(MediaType.APPLICATION_JSON)
  FineTuningJob create(FineTuningJob.Request job);

  /** The jobs whose metadata names {@code pilotId}; a provider without the filter lists all. */
  @GET
  @Path("/fine_tuning/jobs")
  FineTuningJob.Page jobsOf(@QueryParam("metadata[pilot_id]") String pilotId);

  @GET
  @Path("/fine_tuning/jobs/{id}")
  FineTuningJob job(@PathParam("id") String id);

  @ClientObjectMapper
  static ObjectMapper json(ObjectMapper service) {
    return TolerantJson.of(service);
  }
}
