package org.ltibridge.it.pages;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake LMS course page, served by a JDK {@link HttpServer} on {@code 127.0.0.1} and a free port:
 * a visible header naming the LMS, and an {@code <iframe name="tool">} into which an
 * auto-submitting form posts a signed LTI 1.1 launch, as Moodle and Canvas do. Because the tool is
 * addressed as {@code http://localhost:...}, the framed tool is on another <em>site</em> than this
 * page, so the browser treats the tool's cookies as third-party cookies.
 */
public final class FakeLmsPage implements AutoCloseable {

  /** Name and id of the iframe the tool is launched into. */
  public static final String FRAME = "tool";

  private final HttpServer server;
  private final ExecutorService executor;
  private final String lmsName;
  private final Map<String, String> pages = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  private FakeLmsPage(String lmsName) throws IOException {
    this.lmsName = lmsName;
    server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "fake-lms-page");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts the fake LMS on 127.0.0.1 and a free port; {@code lmsName} is shown in its header. */
  public static FakeLmsPage start(String lmsName) throws IOException {
    FakeLmsPage page = new FakeLmsPage(lmsName);
    page.server.start();
    return page;
  }

  /** The origin of the fake LMS, e.g. {@code http://127.0.0.1:40123}. */
  public String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * The header text shown at the top of every page, e.g. "Moodle (fake LMS at 127.0.0.1:40123)".
   */
  public String header() {
    return lmsName + " (fake LMS at 127.0.0.1:" + server.getAddress().getPort() + ")";
  }

  /**
   * Publishes a course page whose form posts {@code signedParams} to {@code action} inside the
   * iframe {@value #FRAME} as soon as the page has loaded; returns the page's URL. Each call gives
   * a new page (a signed launch can be used once only).
   */
  public URI launchPage(URI action, Map<String, String> signedParams, String caption) {
    StringBuilder inputs = new StringBuilder();
    signedParams.forEach(
        (name, value) ->
            inputs
                .append("      <input type=\"hidden\" name=\"")
                .append(escape(name))
                .append("\" value=\"")
                .append(escape(value))
                .append("\">\n"));
    String html =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            + "<title>"
            + escape(header())
            + "</title>\n"
            + "<style>body{margin:0;font:14px/1.4 sans-serif;background:#f4f1ea}"
            + "header{background:#f98012;color:#fff;padding:6px 16px;font-weight:700}"
            + "header small{font-weight:400;margin-left:12px}"
            + "main{padding:6px 16px}iframe{border:2px solid #f98012;background:#fff}</style>\n"
            + "</head><body>\n<header id=\"lms-header\">"
            + escape(header())
            + "<small>Physics 101 › "
            + escape(caption)
            + "</small></header>\n<main>\n"
            + "  <iframe name=\""
            + FRAME
            + "\" id=\""
            + FRAME
            + "\" title=\"LTI tool\" width=\"1200\" height=\"800\"></iframe>\n"
            + "  <form id=\"launch\" method=\"post\" target=\""
            + FRAME
            + "\" action=\""
            + escape(action.toString())
            + "\">\n"
            + inputs
            + "  </form>\n"
            + "  <script>document.getElementById('launch').submit();</script>\n"
            + "</main></body></html>\n";
    return publish(html);
  }

  /** Publishes an arbitrary HTML page of the fake LMS origin; returns its URL. */
  public URI publish(String html) {
    String path = "/course/" + ids.incrementAndGet();
    pages.put(path, html);
    return URI.create(origin() + path);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String html = pages.get(exchange.getRequestURI().getPath());
      byte[] body = (html == null ? "Not found" : html).getBytes(StandardCharsets.UTF_8);
      exchange
          .getResponseHeaders()
          .set("Content-Type", html == null ? "text/plain" : "text/html; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(html == null ? 404 : 200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
