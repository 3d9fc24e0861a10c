package io.butlerbench.pilot.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.contracts.run.RunSummary;
import io.butlerbench.service.security.ServiceTokenHeaders;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The benchmark's API as the pilot uses it, with this service's token; called through {@link
 * BenchmarkCalls}, which declares the fault tolerance of each call.
 */
@RegisterRestClient(configKey = "benchmark")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@RegisterProvider(UpstreamAnswer.Mapper.class)
@Produces(MediaType.APPLICATION_JSON)
public interface BenchmarkApi {

  @POST
  @Path("/runs")
  @Consumes(MediaType.APPLICATION_JSON)
  RestResponse<RunSummary> start(RunRequest request);

  @GET
  @Path("/runs/{id}")
  RunSummary run(@PathParam("id") String runId);

  /** The samples of a run the benchmark served to {@code subject}, as it recorded them. */
  @GET
  @Path("/runs/{id}/reads")
  List<SampleRead> reads(@PathParam("id") String runId, @QueryParam("subject") String subject);

  /** The liveness probe readiness asks. */
  @GET
  @Path("/q/health/live")
  Response live();

  @ClientObjectMapper
  static ObjectMapper json(ObjectMapper service) {
    return TolerantJson.of(service);
  }
}
