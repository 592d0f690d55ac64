package org.ltibridge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript for console tests: keeps cookies (the console's session), never
 * follows redirects on its own (each hop is asserted), and submits JSF forms the way a browser and
 * the PrimeFaces ajax script do, from the fields it reads out of the page's HTML.
 */
final class Browser {

  private final URI base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  Browser(URI base) {
    this.base = base;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  Http.Res get(String path) {
    return send(HttpRequest.newBuilder(resolve(path)).GET());
  }

  Http.Res post(String path, Map<String, String> fields, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(fields)));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b);
  }

  /** A form post with a body encoded by the caller (repeated names, as checkbox groups send). */
  Http.Res postEncoded(String path, String body) {
    return send(
        HttpRequest.newBuilder(resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Follows redirects with GETs, as a browser does, until a response that is not one. */
  Http.Res settle(Http.Res res) {
    Http.Res current = res;
    for (int hops = 0; current.status() / 100 == 3; hops++) {
      if (hops > 5) {
        throw new AssertionError("redirect loop at " + current.location());
      }
      current = get(current.location());
    }
    return current;
  }

  Optional<String> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst();
  }

  /** A full (non-ajax) submission of a form with one of its buttons. */
  Http.Res submit(Form form, String button) {
    Map<String, String> fields = new LinkedHashMap<>(form.fields());
    fields.put(button, "");
    return post(form.action(), fields);
  }

  /**
   * A PrimeFaces ajax postback ({@code p:commandButton} with {@code process="@form"}): the form's
   * fields plus the partial-request parameters; the answer is a JSF partial-response.
   */
  Http.Res ajax(Form form, String button, String render) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("jakarta.faces.partial.ajax", "true");
    fields.put("jakarta.faces.source", button);
    fields.put("jakarta.faces.partial.execute", button + " " + form.id());
    fields.put("jakarta.faces.partial.render", render);
    fields.put(button, button);
    fields.putAll(form.fields());
    return post(
        form.action(),
        fields,
        "Faces-Request",
        "partial/ajax",
        "X-Requested-With",
        "XMLHttpRequest");
  }

  /** A JSF form as the page rendered it: its action and the fields a browser would submit. */
  record Form(String id, String action, Map<String, String> fields) {

    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:.-]+)=\"([^\"]*)\"");

    static Form in(String html, String id) {
      Matcher m =
          Pattern.compile(
                  "<form\\b([^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*)>(.*?)</form>",
                  Pattern.DOTALL)
              .matcher(html);
      if (!m.find()) {
        throw new AssertionError("no form " + id + " in:\n" + html);
      }
      String action = attributes(m.group(1)).get("action");
      Map<String, String> fields = new LinkedHashMap<>();
      Matcher input = INPUT.matcher(m.group(2));
      while (input.find()) {
        Map<String, String> a = attributes(input.group(1));
        String type = a.getOrDefault("type", "text");
        if (a.containsKey("name")
            && !type.equals("submit")
            && !type.equals("button")
            && (!type.equals("checkbox") || input.group(1).contains("checked"))) {
          fields.put(a.get("name"), a.getOrDefault("value", ""));
        }
      }
      return new Form(id, action, fields);
    }

    Form with(String name, String value) {
      if (!fields.containsKey(name)) {
        throw new AssertionError("form " + id + " has no field " + name + ": " + fields.keySet());
      }
      Map<String, String> copy = new LinkedHashMap<>(fields);
      copy.put(name, value);
      return new Form(id, action, copy);
    }

    /** The same form with a field the page did not render (a hand-crafted postback). */
    Form withExtra(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(fields);
      copy.put(name, value);
      return new Form(id, action, copy);
    }

    /** The same form with the view state an ajax partial-response handed back. */
    Form after(Http.Res partialResponse) {
      Matcher m =
          Pattern.compile(
                  "<update id=\"[^\"]*jakarta\\.faces\\.ViewState[^\"]*\"><!\\[CDATA\\[(.*?)\\]\\]>",
                  Pattern.DOTALL)
              .matcher(partialResponse.body());
      return m.find() ? with("jakarta.faces.ViewState", m.group(1)) : this;
    }

    private static Map<String, String> attributes(String tag) {
      Map<String, String> a = new LinkedHashMap<>();
      Matcher m = ATTRIBUTE.matcher(tag);
      while (m.find()) {
        a.put(m.group(1), unescape(m.group(2)));
      }
      return a;
    }

    private static String unescape(String s) {
      return s.replace("&quot;", "\"")
          .replace("&lt;", "<")
          .replace("&gt;", ">")
          .replace("&#39;", "'")
          .replace("&amp;", "&");
    }
  }

  private URI resolve(String path) {
    URI uri = URI.create(path);
    return uri.isAbsolute() ? uri : base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  private static String encode(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private Http.Res send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r =
          client.send(
              b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      return new Http.Res(r.statusCode(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
