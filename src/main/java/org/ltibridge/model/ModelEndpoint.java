package org.ltibridge.model;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how to reach one model: an organisation's OpenAI-compatible endpoint plus an
 * assistant's model and temperature (null: the endpoint's default, and none is sent). A null or
 * blank API key means "send none".
 */
public record ModelEndpoint(URI baseUrl, String apiKey, String model, Double temperature) {

  /** Checks the parts that must be there. */
  public ModelEndpoint {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
  }

  /** With the endpoint's default temperature. */
  public ModelEndpoint(URI baseUrl, String apiKey, String model) {
    this(baseUrl, apiKey, model, null);
  }

  /** Scheme-less host and port, for messages and logs: never user info, path or query. */
  public String host() {
    return describeHost(baseUrl);
  }

  /** Leaves the API key out, so that logging an endpoint never leaks it. */
  @Override
  public String toString() {
    return "ModelEndpoint[baseUrl="
        + host()
        + ", apiKey="
        + (apiKey == null || apiKey.isBlank() ? "none" : "***")
        + ", model="
        + model
        + ", temperature="
        + temperature
        + "]";
  }

  /**
   * Host and port of a URL for messages and logs: never its user info, path or query, which can
   * carry credentials.
   */
  static String describeHost(URI url) {
    if (url.getHost() == null) {
      return "the configured base URL";
    }
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }
}
