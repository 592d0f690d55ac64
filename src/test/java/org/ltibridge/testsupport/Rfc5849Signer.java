package org.ltibridge.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client-side OAuth 1.0a signer written directly from RFC 5849, used to sign LTI 1.1 launches in
 * tests and benchmarks.
 *
 * <p>It deliberately shares no code with the server-side verifier (and uses only the JDK) so that a
 * bug in the production implementation cannot be mirrored here and silently "pass" its own tests. A
 * benchmark compiles this file with plain {@code javac}, so it must not gain third-party imports.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Rfc5849Signer {

  /** Signature methods supported by this signer (RFC 5849 §3.4.2 plus the common SHA-256 form). */
  public enum Method {
    /** RFC 5849 §3.4.2. */
    HMAC_SHA1("HMAC-SHA1", "HmacSHA1"),
    /** Same construction as §3.4.2 with SHA-256; not in RFC 5849 but allowed by LTI 1.1. */
    HMAC_SHA256("HMAC-SHA256", "HmacSHA256");

    private final String wireName;
    private final String jcaName;

    Method(String wireName, String jcaName) {
      this.wireName = wireName;
      this.jcaName = jcaName;
    }

    /**
     * Returns the value sent as {@code oauth_signature_method} (RFC 5849 §3.1).
     *
     * @return e.g. {@code "HMAC-SHA1"}
     */
    public String wireName() {
      return wireName;
    }

    /**
     * Returns the JCA {@link Mac} algorithm name.
     *
     * @return e.g. {@code "HmacSHA1"}
     */
    public String jcaName() {
      return jcaName;
    }
  }

  // SecureRandom is thread-safe; a shared instance avoids re-seeding on every signature.
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

  private final String consumerKey;
  private final String consumerSecret;
  private final Method method;

  /**
   * Creates a signer for one consumer (LTI tool consumer key/secret pair).
   *
   * @param consumerKey sent as {@code oauth_consumer_key} (RFC 5849 §3.1)
   * @param consumerSecret the client shared-secret used in the HMAC key (RFC 5849 §3.4.2)
   * @param method signature method
   */
  public Rfc5849Signer(String consumerKey, String consumerSecret, Method method) {
    this.consumerKey = Objects.requireNonNull(consumerKey, "consumerKey");
    this.consumerSecret = Objects.requireNonNull(consumerSecret, "consumerSecret");
    this.method = Objects.requireNonNull(method, "method");
  }

  /**
   * Signs a request whose parameters travel in the form body (RFC 5849 §3.5.2), with no token (as
   * in LTI 1.1, the token secret is empty).
   *
   * <p>The result is a new map containing {@code params} followed by {@code oauth_consumer_key},
   * {@code oauth_nonce} (32 random hex chars unless already present), {@code oauth_timestamp}
   * (current epoch seconds unless already present), {@code oauth_signature_method}, {@code
   * oauth_version=1.0}, {@code oauth_callback=about:blank} (only if absent) and finally {@code
   * oauth_signature} computed per RFC 5849 §3.4. Query parameters of {@code url} are included in
   * the signature (§3.4.1.3.1) but not copied into the returned map. Any caller-supplied {@code
   * oauth_signature} is discarded and recomputed.
   *
   * @param httpMethod HTTP request method, e.g. {@code "POST"}
   * @param url absolute request URL, possibly with a query string
   * @param params form parameters (decoded values)
   * @return a new ordered map, ready for {@link #formBody(Map)}
   */
  public LinkedHashMap<String, String> sign(
      String httpMethod, String url, Map<String, String> params) {
    LinkedHashMap<String, String> out = new LinkedHashMap<>(params);
    out.remove("oauth_signature");
    out.put("oauth_consumer_key", consumerKey);
    out.putIfAbsent("oauth_nonce", newNonce());
    out.putIfAbsent("oauth_timestamp", Long.toString(Instant.now().getEpochSecond()));
    out.put("oauth_signature_method", method.wireName());
    out.put("oauth_version", "1.0");
    // LTI 1.1 launches involve no token exchange, yet LMSs conventionally send this value; keep
    // it so signed requests look like real launches.
    out.putIfAbsent("oauth_callback", "about:blank");
    String base = baseString(httpMethod, url, out);
    out.put("oauth_signature", signature(method, base, consumerSecret, ""));
    return out;
  }

  /**
   * Convenience overload of {@link #baseString(String, String, List)} for single-valued form
   * parameters (RFC 5849 §3.4.1).
   *
   * @param httpMethod HTTP request method
   * @param url absolute request URL, possibly with a query string
   * @param formParams decoded form-body parameters
   * @return the signature base string
   */
  public static String baseString(String httpMethod, String url, Map<String, String> formParams) {
    return baseString(httpMethod, url, new ArrayList<>(formParams.entrySet()));
  }

  /**
   * Builds the signature base string (RFC 5849 §3.4.1.1): the upper-cased HTTP method, the encoded
   * base string URI (§3.4.1.2) and the encoded normalized parameters (§3.4.1.3.2), joined by {@code
   * &}.
   *
   * <p>Parameters are taken from the query component of {@code url} (decoded as
   * application/x-www-form-urlencoded, §3.4.1.3.1) and from {@code formParams} (already decoded).
   * Only {@code oauth_signature} is excluded. Names may repeat, which is why this takes a list.
   *
   * @param httpMethod HTTP request method
   * @param url absolute request URL, possibly with a query string
   * @param formParams decoded form-body parameters, in any order, names may repeat
   * @return the signature base string
   */
  public static String baseString(
      String httpMethod, String url, List<Map.Entry<String, String>> formParams) {
    URI uri = parseUri(url);
    List<Map.Entry<String, String>> all = new ArrayList<>();
    String rawQuery = uri.getRawQuery();
    if (rawQuery != null) {
      all.addAll(parseFormEncoded(rawQuery));
    }
    all.addAll(formParams);
    return httpMethod.toUpperCase(Locale.ROOT)
        + '&'
        + percentEncode(baseStringUri(uri))
        + '&'
        + percentEncode(normalizeParameters(all));
  }

  /**
   * Computes the base string URI (RFC 5849 §3.4.1.2): lower-case scheme and host, port only when
   * not the scheme default (80 for http, 443 for https), path (at least {@code /}), no user info,
   * query or fragment.
   *
   * @param url absolute request URL
   * @return the base string URI, not yet percent-encoded for the base string
   */
  public static String baseStringUri(String url) {
    return baseStringUri(parseUri(url));
  }

  /**
   * Percent-encodes a string per RFC 5849 §3.6: the value is UTF-8 encoded, unreserved characters
   * ({@code ALPHA DIGIT - . _ ~}) are kept and every other octet becomes {@code %XX} with
   * upper-case hex.
   *
   * @param s value to encode
   * @return the encoded value
   */
  public static String percentEncode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xF]);
      }
    }
    return sb.toString();
  }

  /**
   * Computes an HMAC signature (RFC 5849 §3.4.2): the key is {@code percentEncode(consumerSecret) +
   * "&" + percentEncode(tokenSecret)} (the {@code &} is present even when the token secret is
   * empty), the text is the base string, and the digest is Base64 encoded (RFC 2045).
   *
   * @param method HMAC-SHA1 or HMAC-SHA256
   * @param baseString the signature base string (§3.4.1)
   * @param consumerSecret client shared-secret
   * @param tokenSecret token shared-secret, or {@code null} for none
   * @return the Base64 signature, not yet percent-encoded for transmission
   */
  public static String signature(
      Method method, String baseString, String consumerSecret, String tokenSecret) {
    String key =
        percentEncode(consumerSecret) + '&' + percentEncode(tokenSecret == null ? "" : tokenSecret);
    try {
      Mac mac = Mac.getInstance(method.jcaName());
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), method.jcaName()));
      byte[] digest = mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      // Both algorithms are mandatory in every Java SE implementation, so this cannot happen.
      throw new IllegalStateException("JDK lacks " + method.jcaName(), e);
    }
  }

  /**
   * Encodes parameters as an {@code application/x-www-form-urlencoded} body (RFC 5849 §3.5.2),
   * using §3.6 percent-encoding for names and values. §3.6 output is a valid form encoding (space
   * becomes {@code %20}, never {@code +}), so any form decoder recovers the exact values.
   *
   * @param signed parameters, typically the result of {@link #sign(String, String, Map)}
   * @return the request body
   */
  public static String formBody(Map<String, String> signed) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : signed.entrySet()) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(percentEncode(e.getKey())).append('=').append(percentEncode(e.getValue()));
    }
    return sb.toString();
  }

  /**
   * Parses an {@code application/x-www-form-urlencoded} string into decoded name/value pairs, as
   * RFC 5849 §3.4.1.3.1 requires for the query component and the entity body. A pair without {@code
   * =} has an empty value; empty pairs (e.g. from {@code &&}) are skipped.
   *
   * @param encoded form-encoded text, e.g. {@code "c2&a3=2+q"}
   * @return decoded pairs in their original order
   */
  public static List<Map.Entry<String, String>> parseFormEncoded(String encoded) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(new AbstractMap.SimpleImmutableEntry<>(formDecode(name), formDecode(value)));
    }
    return out;
  }

  /** Returns a fresh 32-hex-character nonce (128 random bits, RFC 5849 §3.3). */
  private static String newNonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static URI parseUri(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("Not an absolute URL with a host: " + url);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Invalid URL: " + url, e);
    }
  }

  private static String baseStringUri(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || ("http".equals(scheme) && port == 80)
            || ("https".equals(scheme) && port == 443);
    // Keep the path raw: it is the request-target as sent, and the whole URI is percent-encoded
    // again as one value in the base string (so an existing "%20" becomes "%2520").
    String path = uri.getRawPath();
    if (path == null || path.isEmpty()) {
      // An empty path in an absolute URI is sent as "/" in the HTTP request-target.
      path = "/";
    }
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
  }

  /**
   * Normalizes parameters per RFC 5849 §3.4.1.3.2: encode each name and value (§3.6), sort by
   * encoded name then encoded value (ascending byte order; the encoded form is pure ASCII so String
   * order is byte order), then join {@code name=value} pairs with {@code &}.
   */
  private static String normalizeParameters(List<Map.Entry<String, String>> params) {
    List<String[]> encoded = new ArrayList<>(params.size());
    for (Map.Entry<String, String> p : params) {
      if ("oauth_signature".equals(p.getKey())) {
        continue; // §3.4.1.3.1: the signature itself is excluded.
      }
      String value = p.getValue() == null ? "" : p.getValue();
      encoded.add(new String[] {percentEncode(p.getKey()), percentEncode(value)});
    }
    encoded.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
    StringBuilder sb = new StringBuilder();
    for (String[] e : encoded) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(e[0]).append('=').append(e[1]);
    }
    return sb.toString();
  }

  /**
   * Decodes one form-urlencoded component: {@code +} is a space, {@code %XX} are UTF-8 octets.
   * Hand-written rather than {@code URLDecoder} so malformed escapes fail loudly with context.
   */
  private static String formDecode(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("Truncated percent-escape in: " + s);
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("Bad percent-escape in: " + s);
        }
        bytes.write((hi << 4) | lo);
        i += 2;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          // Encode the surrogate pair together so supplementary characters survive.
          utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(utf8, 0, utf8.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
