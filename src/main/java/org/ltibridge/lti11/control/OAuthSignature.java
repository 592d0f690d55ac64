package org.ltibridge.lti11.control;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature computations of RFC 5849 §3.4, used by {@link OAuth1Verifier}. Pure functions over
 * decoded parameters; no knowledge of HTTP frameworks.
 */
public final class OAuthSignature {

  /** The signature methods LTI consumers use (LTI 1.1 requires HMAC-SHA1; some send SHA-256). */
  public enum Method {
    HMAC_SHA1("HMAC-SHA1", "HmacSHA1"),
    HMAC_SHA256("HMAC-SHA256", "HmacSHA256");

    final String wireName;
    final String jcaName;

    Method(String wireName, String jcaName) {
      this.wireName = wireName;
      this.jcaName = jcaName;
    }

    public static java.util.Optional<Method> fromWire(String name) {
      for (Method m : values()) {
        if (m.wireName.equals(name)) {
          return java.util.Optional.of(m);
        }
      }
      return java.util.Optional.empty();
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private OAuthSignature() {}

  /**
   * RFC 5849 §3.4.1: {@code METHOD&encoded(base string URI)&encoded(normalized parameters)}.
   *
   * @param url the public URL the request was sent to; its query is ignored here, its query
   *     parameters must already be in {@code params}
   * @param params every decoded request parameter (query and form body), repeated names allowed;
   *     {@code oauth_signature} is left out
   */
  public static String baseString(String method, URI url, List<Map.Entry<String, String>> params) {
    return method.toUpperCase(Locale.ROOT)
        + '&'
        + encode(baseStringUri(url))
        + '&'
        + encode(normalizedParameters(params));
  }

  /** RFC 5849 §3.4.1.2: lower-case scheme and host, default port dropped, no query. */
  static String baseStringUri(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    boolean defaultPort =
        port == -1
            || ("http".equals(scheme) && port == 80)
            || ("https".equals(scheme) && port == 443);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
  }

  /** RFC 5849 §3.4.1.3.2: encode names and values, sort by name then value, join. */
  static String normalizedParameters(List<Map.Entry<String, String>> params) {
    List<String[]> encoded = new ArrayList<>(params.size());
    for (Map.Entry<String, String> p : params) {
      if (!"oauth_signature".equals(p.getKey())) {
        encoded.add(new String[] {encode(p.getKey()), encode(p.getValue())});
      }
    }
    encoded.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
    StringBuilder out = new StringBuilder(encoded.size() * 32);
    for (String[] e : encoded) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(e[0]).append('=').append(e[1]);
    }
    return out.toString();
  }

  /** RFC 5849 §3.5.1/§3.4.2: HMAC keyed with {@code encode(secret)&} (no token secret in LTI). */
  public static byte[] sign(Method method, String baseString, String consumerSecret) {
    try {
      Mac mac = Mac.getInstance(method.jcaName);
      byte[] key = (encode(consumerSecret) + '&').getBytes(StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(key, method.jcaName));
      return mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(method.jcaName + " unavailable", e);
    }
  }

  /** Signature as sent on the wire (Base64). */
  public static String signBase64(Method method, String baseString, String consumerSecret) {
    return Base64.getEncoder().encodeToString(sign(method, baseString, consumerSecret));
  }

  /** RFC 5849 §3.6 percent-encoding: only unreserved characters stay as they are. */
  public static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }
}
