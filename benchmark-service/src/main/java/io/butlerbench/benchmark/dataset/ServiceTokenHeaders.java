package io.butlerbench.benchmark.dataset;

import io.butlerbench.service.security.ServiceToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Every call to the exporter carries this service's own token, read anew for each call (it may be
 * rotated), never a caller's.
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
    headers.add("Authorization", "Bearer " + token.get());
    return headers;
  }
}
