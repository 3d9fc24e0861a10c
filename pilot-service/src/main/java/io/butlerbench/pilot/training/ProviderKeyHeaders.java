package io.butlerbench.pilot.training;

import io.butlerbench.pilot.PilotConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** The fine-tuning API is called with the provider's API key, when one is configured. */
@ApplicationScoped
public class ProviderKeyHeaders implements ClientHeadersFactory {
  private final PilotConfig config;

  public ProviderKeyHeaders(PilotConfig config) {
    this.config = config;
  }

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    config
        .fineTuning()
        .apiKey()
        .filter(key -> !key.isBlank())
        .ifPresent(key -> headers.putSingle("Authorization", "Bearer " + key));
    return headers;
  }
}
