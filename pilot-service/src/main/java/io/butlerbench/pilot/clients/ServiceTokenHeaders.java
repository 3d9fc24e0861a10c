package io.butlerbench.pilot.clients;

import io.butlerbench.service.security.ServiceToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * The exporter and the benchmark are called with this service's own token, read anew on every call
 * (it may be rotated), never with a caller's.
 */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {
  private final ServiceToken token;

  public ServiceTokenHeaders(ServiceToken token) {
    this.token = token;
  }

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    headers.putSingle("Authorization", "Bearer " + token.get());
    return headers;
  }
}
