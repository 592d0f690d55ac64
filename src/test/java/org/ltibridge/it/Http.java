package org.ltibridge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A plain HTTP client for tests: never follows redirects, so each hop is asserted. */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;
  private final HttpClient client;

  public Http(URI base) {
    this(base, CLIENT);
  }

  /** With a client of its own, e.g. one that trusts a test's self-signed TLS certificate. */
  public Http(URI base, HttpClient client) {
    this.base = base;
    this.client = client;
  }

  /** A client like the default one that trusts the certificates of {@code tls}. */
  public static HttpClient client(javax.net.ssl.SSLContext tls) {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .sslContext(tls)
        .build();
  }

  /** A response with its body as text. */
  public record Res(int status, HttpResponse<String> raw) {
    public String body() {
      return raw.body();
    }

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    /** Path and query of the Location header. */
    public String location() {
      URI l = URI.create(header("Location").orElseThrow(() -> new AssertionError("no Location")));
      return l.getRawPath() + (l.getRawQuery() == null ? "" : "?" + l.getRawQuery());
    }

    /** The token parameter of the Location header. */
    public String locationToken() {
      String loc = location();
      int i = loc.indexOf("token=");
      if (i < 0) {
        throw new AssertionError("no token in " + loc);
      }
      String t = loc.substring(i + 6);
      int amp = t.indexOf('&');
      return amp < 0 ? t : t.substring(0, amp);
    }
  }

  public Res get(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(resolve(path)).GET();
    return send(b, headers);
  }

  public Res postForm(String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(b, headers);
  }

  public Res postJson(String path, String json, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    return send(b, headers);
  }

  /** A request with any method, content type (may be null) and body (may be null). */
  public Res send(String method, String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b, headers);
  }

  /** Follows one 303 (or other redirect) with a GET. */
  public Res follow(Res redirect, String... headers) {
    if (redirect.status() / 100 != 3) {
      throw new AssertionError(
          "expected a redirect, got " + redirect.status() + ": " + redirect.body());
    }
    return get(redirect.location(), headers);
  }

  private URI resolve(String path) {
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return URI.create(path);
    }
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  private Res send(HttpRequest.Builder b, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r =
          client.send(
              b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static List<String> html() {
    return List.of("Accept", "text/html,application/xhtml+xml");
  }
}
