package org.ltibridge.lti13.tool.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.Key;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rs256KeysTest {

  @Test
  void selectsTheNamedRs256KeyAndConvertsItOnce() throws Exception {
    RSAKey a = new RSAKeyGenerator(2048).keyID("a").generate();
    RSAKey b = new RSAKeyGenerator(2048).keyID("b").generate();
    PlatformKeys.Rs256Keys keys =
        new PlatformKeys.Rs256Keys(
            new ImmutableJWKSet<>(new JWKSet(List.of(a.toPublicJWK(), b.toPublicJWK()))));

    List<Key> first = keys.selectJWSKeys(header(JWSAlgorithm.RS256, "b"), null);
    assertEquals(List.of(b.toRSAPublicKey()), first);
    assertSame(first.get(0), keys.selectJWSKeys(header(JWSAlgorithm.RS256, "b"), null).get(0));

    assertEquals(List.of(), keys.selectJWSKeys(header(JWSAlgorithm.RS256, "c"), null));
    assertEquals(List.of(), keys.selectJWSKeys(header(JWSAlgorithm.RS512, "a"), null));
    assertEquals(List.of(), keys.selectJWSKeys(header(JWSAlgorithm.HS256, "a"), null));
  }

  private static JWSHeader header(JWSAlgorithm algorithm, String kid) {
    return new JWSHeader.Builder(algorithm).keyID(kid).build();
  }
}
