package org.ltibridge.lti13.platform.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query-string encoding of the values that go back into {@code Link: rel="next"} URLs. */
final class PlatformUrlsEncoding {

  private PlatformUrlsEncoding() {}

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
