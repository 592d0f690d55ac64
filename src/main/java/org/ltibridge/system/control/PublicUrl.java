package org.ltibridge.system.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The URL the outside world uses for this application. OAuth 1.0a signatures cover the exact URL
 * the LMS posted to, so behind a reverse proxy we must rebuild it: from {@code
 * LTI_BRIDGE_PUBLIC_URL} when configured (the robust choice), else from the request, honouring
 * {@code X-Forwarded-Proto/Host/Port/Prefix} only when the direct peer is a trusted proxy ({@code
 * LTI_BRIDGE_TRUSTED_PROXIES}: addresses or CIDR ranges). Untrusted clients cannot choose the URL a
 * signature is checked against.
 */
@ApplicationScoped
public class PublicUrl {

  private static final Logger LOG = Logger.getLogger(PublicUrl.class.getName());

  static final String ERROR_FORWARDED_PORT =
      "The trusted proxy at %2$s sent a %1$s whose port is not a number from 1 to 65535: fix the"
          + " proxy's configuration (see server-config/nginx)";

  @Inject
  @ConfigProperty(name = "lti-bridge.public-url")
  Optional<String> configured;

  @Inject
  @ConfigProperty(name = "lti-bridge.trusted-proxies", defaultValue = " ")
  String trustedProxies;

  /** Base URL without trailing slash, e.g. {@code https://bridge.example.edu}. */
  public String base(HttpServletRequest request) {
    Optional<String> fixed = configured.map(String::strip).filter(s -> !s.isEmpty());
    if (fixed.isPresent()) {
      String f = fixed.get();
      return f.endsWith("/") ? f.substring(0, f.length() - 1) : f;
    }
    String scheme = request.getScheme();
    String host = request.getServerName();
    int port = request.getServerPort();
    String prefix = "";
    if (isTrusted(request.getRemoteAddr())) {
      scheme = header(request, "X-Forwarded-Proto").orElse(scheme);
      Optional<String> fwdHost = header(request, "X-Forwarded-Host");
      if (fwdHost.isPresent()) {
        String h = fwdHost.get();
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) {
          host = h.substring(0, colon);
          port = port("X-Forwarded-Host", h.substring(colon + 1), request);
        } else {
          host = h;
          port = "https".equalsIgnoreCase(scheme) ? 443 : 80;
        }
      }
      Optional<String> fwdPort = header(request, "X-Forwarded-Port");
      if (fwdPort.isPresent()) {
        port = port("X-Forwarded-Port", fwdPort.get(), request);
      }
      prefix = header(request, "X-Forwarded-Prefix").map(PublicUrl::trimSlash).orElse("");
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    boolean defaultPort =
        ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    return scheme
        + "://"
        + host.toLowerCase(Locale.ROOT)
        + (defaultPort || port <= 0 ? "" : ":" + port)
        + prefix
        + request.getContextPath();
  }

  /**
   * A port a trusted proxy sent. Not a port is the proxy's configuration error: said once in the
   * log and to the client, instead of a stack trace.
   */
  private static int port(String header, String value, HttpServletRequest request) {
    try {
      int port = Integer.parseInt(value.strip());
      if (port > 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    String message = ERROR_FORWARDED_PORT.formatted(header, request.getRemoteAddr());
    LOG.warning(message);
    throw Problem.badRequest(message).because("proxy_header");
  }

  /** The public URL of the current request, without query string. */
  public URI requestUrl(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return URI.create(base(request) + path);
  }

  private static String trimSlash(String prefix) {
    String p = prefix.strip();
    if (p.isEmpty() || p.equals("/")) {
      return "";
    }
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static Optional<String> header(HttpServletRequest request, String name) {
    String value = request.getHeader(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    // A chain of proxies appends; the first value is what the client used.
    int comma = value.indexOf(',');
    return Optional.of((comma >= 0 ? value.substring(0, comma) : value).strip());
  }

  boolean isTrusted(String remoteAddr) {
    for (String entry : List.of(trustedProxies.split(","))) {
      String e = entry.strip();
      if (!e.isEmpty() && matches(e, remoteAddr)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(String cidrOrAddress, String address) {
    try {
      byte[] addr = InetAddress.getByName(address).getAddress();
      String[] parts = cidrOrAddress.split("/");
      byte[] net = InetAddress.getByName(parts[0]).getAddress();
      if (net.length != addr.length) {
        return false;
      }
      int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : net.length * 8;
      for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
        if ((net[i] & mask) != (addr[i] & mask)) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }
}
