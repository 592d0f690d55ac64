package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PublicUrlTest {

  @Test
  void cidrMatching() {
    assertTrue(PublicUrl.matches("10.0.0.0/8", "10.1.2.3"));
    assertFalse(PublicUrl.matches("10.0.0.0/8", "11.1.2.3"));
    assertTrue(PublicUrl.matches("192.168.1.7", "192.168.1.7"));
    assertFalse(PublicUrl.matches("192.168.1.7", "192.168.1.8"));
    assertTrue(PublicUrl.matches("172.16.0.0/12", "172.31.255.1"));
    assertFalse(PublicUrl.matches("172.16.0.0/12", "172.32.0.1"));
    assertTrue(PublicUrl.matches("::1", "::1"));
    assertFalse(PublicUrl.matches("10.0.0.0/8", "::1"));
  }

  @Test
  void untrustedPeersCannotChooseTheUrl() {
    PublicUrl url = new PublicUrl();
    url.trustedProxies = "10.0.0.0/8";
    assertTrue(url.isTrusted("10.9.9.9"));
    assertFalse(url.isTrusted("203.0.113.5"));
    url.trustedProxies = " ";
    assertFalse(url.isTrusted("10.9.9.9"), "nobody is trusted by default");
  }
}
