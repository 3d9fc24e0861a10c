package io.butlerbench.service.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Every call one of our services makes to another carries the caller service's own token, read anew
 * for each call (it may be rotated), never a person's: {@code @RegisterClientHeaders} on the REST
 * client interface.
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
