package org.ltibridge.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays an external LTI 1.3 tool on the wire: its own RSA key pair, a JWKS served by a JDK
 * HttpServer (the only thing LTI Bridge fetches from the tool), and RFC 7523 client assertions.
 */
final class FakeTool implements AutoCloseable {

  final RSAKey key;
  final HttpServer server;
  final AtomicInteger jwksFetches = new AtomicInteger();

  FakeTool() {
    try {
      key = new RSAKeyGenerator(2048).keyID("tool-" + UUID.randomUUID()).generate();
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/jwks",
        exchange -> {
          jwksFetches.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String jwksUrl() {
    return base() + "/jwks";
  }

  String loginUrl() {
    return base() + "/login";
  }

  String launchUrl() {
    return base() + "/launch";
  }

  /** A client assertion as ltijs sends it: iss = sub = client id, aud, jti, 60 s. */
  String assertion(String clientId, Object audience, String jti) {
    return assertion(clientId, audience, jti, key, Instant.now(), 60);
  }

  static String assertion(
      String clientId, Object audience, String jti, RSAKey key, Instant iat, long seconds) {
    JWTClaimsSet.Builder c =
        new JWTClaimsSet.Builder()
            .issuer(clientId)
            .subject(clientId)
            .jwtID(jti)
            .issueTime(Date.from(iat))
            .expirationTime(Date.from(iat.plusSeconds(seconds)));
    if (audience instanceof List<?> list) {
      c.audience(list.stream().map(String::valueOf).toList());
    } else {
      c.audience(String.valueOf(audience));
    }
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              c.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
