package org.ltibridge.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.ltibridge.testsupport.Rfc5849Signer.Method;

/** Checks {@link Rfc5849Signer} against the worked examples printed in RFC 5849. */
class Rfc5849SignerTest {

  /** RFC 5849 §3.4.1.1: query, form body and header parameters, with repeated names. */
  @Test
  void rfcSection3411BaseString() {
    List<Map.Entry<String, String>> params =
        new ArrayList<>(Rfc5849Signer.parseFormEncoded("c2&a3=2+q"));
    // In the RFC these come from the Authorization header; realm is excluded there, so it is
    // simply not passed here. oauth_token is an ordinary parameter as far as the base string goes.
    params.add(Map.entry("oauth_consumer_key", "9djdj82h48djs9d2"));
    params.add(Map.entry("oauth_token", "kkk9d7dh3k39sjv7"));
    params.add(Map.entry("oauth_signature_method", "HMAC-SHA1"));
    params.add(Map.entry("oauth_timestamp", "137131201"));
    params.add(Map.entry("oauth_nonce", "7d8f3e4a"));
    // The signature present in the RFC request must not take part in its own base string.
    params.add(Map.entry("oauth_signature", "djosJKDKJSD8743243%2Fjdk33klY%3D"));

    String base =
        Rfc5849Signer.baseString(
            "POST", "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b", params);

    assertEquals(
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D"
            + "%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D"
            + "7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26"
            + "oauth_token%3Dkkk9d7dh3k39sjv7",
        base);
  }

  /** RFC 5849 §1.2: the photo-access example, signed with both consumer and token secrets. */
  @Test
  void rfcSection12Signature() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("oauth_consumer_key", "dpf43f3p2l4k3l03");
    params.put("oauth_token", "nnch734d00sl2jdk");
    params.put("oauth_signature_method", "HMAC-SHA1");
    params.put("oauth_timestamp", "137131202");
    params.put("oauth_nonce", "chapoH");

    String base =
        Rfc5849Signer.baseString(
            "GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", params);

    assertEquals(
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3D"
            + "dpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26"
            + "oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal",
        base);
    assertEquals(
        "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
        Rfc5849Signer.signature(Method.HMAC_SHA1, base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));
  }

  @Test
  void percentEncodingFollowsSection36() {
    assertEquals("%C3%A9", Rfc5849Signer.percentEncode("é"));
    assertEquals("%20", Rfc5849Signer.percentEncode(" "));
    assertEquals("~", Rfc5849Signer.percentEncode("~"));
    assertEquals("%2A", Rfc5849Signer.percentEncode("*"));
    assertEquals("AZaz09-._~", Rfc5849Signer.percentEncode("AZaz09-._~"));
    assertEquals("%2B%26%3D%2F%25%3A", Rfc5849Signer.percentEncode("+&=/%:"));
    // A supplementary character must be encoded as its four UTF-8 octets, not two surrogates.
    assertEquals("%F0%9F%98%80", Rfc5849Signer.percentEncode("\uD83D\uDE00"));
  }

  @Test
  void baseStringUriLowercasesAndDropsDefaultPorts() {
    assertEquals("http://example.com/r", Rfc5849Signer.baseStringUri("HTTP://Example.COM:80/r"));
    assertEquals("https://example.com/r", Rfc5849Signer.baseStringUri("https://example.com:443/r"));
    assertEquals(
        "http://example.com:8080/r", Rfc5849Signer.baseStringUri("http://example.com:8080/r"));
    // 443 is only the default for https, so it must stay on an http URL.
    assertEquals(
        "http://example.com:443/r", Rfc5849Signer.baseStringUri("http://example.com:443/r"));
    // Fragment and user info are not part of the base string URI; an empty path becomes "/".
    assertEquals("http://example.com/", Rfc5849Signer.baseStringUri("http://u:p@example.com#frag"));

    // The same normalisation must be visible in the full base string.
    assertEquals(
        "GET&http%3A%2F%2Fexample.com%2Fr&",
        Rfc5849Signer.baseString("get", "HTTP://Example.COM:80/r", Map.of()));
    assertEquals(
        "POST&https%3A%2F%2Fexample.com%2Fr&",
        Rfc5849Signer.baseString("POST", "https://example.com:443/r", Map.of()));
    assertEquals(
        "POST&http%3A%2F%2Fexample.com%3A8080%2Fr&",
        Rfc5849Signer.baseString("POST", "http://example.com:8080/r", Map.of()));
  }

  @Test
  void repeatedNamesSortByEncodedValue() {
    List<Map.Entry<String, String>> params =
        List.of(Map.entry("a", "z"), Map.entry("a", "b"), Map.entry("A", "x"));
    // Byte order: upper case sorts before lower case; equal names fall back to value order.
    assertEquals(
        "POST&http%3A%2F%2Fh%2F&A%3Dx%26a%3Db%26a%3Dz",
        Rfc5849Signer.baseString("POST", "http://h/", params));
  }

  @Test
  void sha256SignatureDiffersAndHasSha256Length() {
    String base = "POST&http%3A%2F%2Fexample.com%2F&a%3D1";
    String sha1 = Rfc5849Signer.signature(Method.HMAC_SHA1, base, "secret", "");
    String sha256 = Rfc5849Signer.signature(Method.HMAC_SHA256, base, "secret", "");
    assertEquals(28, sha1.length());
    assertEquals(44, sha256.length());
    assertNotEquals(sha1, sha256);
    assertEquals(32, Base64.getDecoder().decode(sha256).length);
  }

  @Test
  void hmacKeyIsEncodedSecretsJoinedByAmpersand() throws Exception {
    String base = "GET&http%3A%2F%2Fh%2F&";
    // "a&b" must be escaped so it cannot be confused with the separator; null token = empty.
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec("a%26b&".getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
    String expected =
        Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, Rfc5849Signer.signature(Method.HMAC_SHA1, base, "a&b", null));
    assertEquals(expected, Rfc5849Signer.signature(Method.HMAC_SHA1, base, "a&b", ""));
  }

  @Test
  void signAddsOauthParametersAndSelfVerifies() {
    Rfc5849Signer signer = new Rfc5849Signer("key", "s3cr&t", Method.HMAC_SHA256);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("lti_message_type", "basic-lti-launch-request");
    params.put("resource_link_id", "r é 1");
    String url = "https://lms.example/launch?b5=%3D%253D&a3=a";

    long before = Instant.now().getEpochSecond();
    LinkedHashMap<String, String> signed = signer.sign("POST", url, params);
    long after = Instant.now().getEpochSecond();

    assertEquals(
        List.of(
            "lti_message_type",
            "resource_link_id",
            "oauth_consumer_key",
            "oauth_nonce",
            "oauth_timestamp",
            "oauth_signature_method",
            "oauth_version",
            "oauth_callback",
            "oauth_signature"),
        new ArrayList<>(signed.keySet()));
    assertEquals("key", signed.get("oauth_consumer_key"));
    assertTrue(signed.get("oauth_nonce").matches("[0-9a-f]{32}"), signed.get("oauth_nonce"));
    long ts = Long.parseLong(signed.get("oauth_timestamp"));
    assertTrue(ts >= before && ts <= after, "timestamp " + ts);
    assertEquals("HMAC-SHA256", signed.get("oauth_signature_method"));
    assertEquals("1.0", signed.get("oauth_version"));
    assertEquals("about:blank", signed.get("oauth_callback"));
    // Query parameters are signed but belong to the URL, not the returned form map.
    assertFalse(signed.containsKey("b5"));
    // The input map must not be mutated.
    assertEquals(2, params.size());

    String recomputed =
        Rfc5849Signer.signature(
            Method.HMAC_SHA256, Rfc5849Signer.baseString("POST", url, signed), "s3cr&t", "");
    assertEquals(recomputed, signed.get("oauth_signature"));

    // Dropping the query string changes the base string, proving the query was covered.
    String withoutQuery =
        Rfc5849Signer.signature(
            Method.HMAC_SHA256,
            Rfc5849Signer.baseString("POST", "https://lms.example/launch", signed),
            "s3cr&t",
            "");
    assertNotEquals(withoutQuery, signed.get("oauth_signature"));

    // Two signatures of the same input must differ, because the nonce is random.
    assertNotEquals(signed.get("oauth_nonce"), signer.sign("POST", url, params).get("oauth_nonce"));
  }

  @Test
  void signKeepsCallerNonceTimestampAndCallback() {
    Rfc5849Signer signer = new Rfc5849Signer("key", "secret", Method.HMAC_SHA1);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("oauth_nonce", "fixednonce");
    params.put("oauth_timestamp", "1234567890");
    params.put("oauth_callback", "https://tool.example/cb");
    params.put("oauth_signature", "stale");

    LinkedHashMap<String, String> signed = signer.sign("post", "https://tool.example/l", params);

    assertEquals("fixednonce", signed.get("oauth_nonce"));
    assertEquals("1234567890", signed.get("oauth_timestamp"));
    assertEquals("https://tool.example/cb", signed.get("oauth_callback"));
    assertNotEquals("stale", signed.get("oauth_signature"));
    // With every varying input pinned, signing is deterministic.
    assertEquals(
        signed.get("oauth_signature"),
        signer.sign("POST", "https://tool.example/l", params).get("oauth_signature"));
    assertEquals(
        Rfc5849Signer.signature(
            Method.HMAC_SHA1,
            Rfc5849Signer.baseString("POST", "https://tool.example/l", signed),
            "secret",
            null),
        signed.get("oauth_signature"));
  }

  @Test
  void formBodyRoundTripsThroughFormDecoding() {
    Map<String, String> signed = new LinkedHashMap<>();
    signed.put("a b", "c+d&e=f");
    signed.put("name", "Zoë ~*");
    signed.put("oauth_signature", "ab/c+d=");

    String body = Rfc5849Signer.formBody(signed);

    assertEquals("a%20b=c%2Bd%26e%3Df&name=Zo%C3%AB%20~%2A&oauth_signature=ab%2Fc%2Bd%3D", body);
    Map<String, String> decoded = new LinkedHashMap<>();
    Rfc5849Signer.parseFormEncoded(body).forEach(e -> decoded.put(e.getKey(), e.getValue()));
    assertEquals(signed, decoded);
  }
}
