package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each wrong value gives exactly one line that names its variable; right values give none. */
class ConfigurationCheckTest {

  static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  static List<String> problems(String... keysAndValues) {
    Map<String, String> config = new HashMap<>();
    config.put("lti-bridge.data-dir", "target/config-check-data");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      config.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return ConfigurationCheck.problems(key -> Optional.ofNullable(config.get(key)));
  }

  static String theOneProblem(String... keysAndValues) {
    List<String> problems = problems(keysAndValues);
    assertEquals(1, problems.size(), problems.toString());
    assertFalse(problems.get(0).contains("\n"), "one line");
    return problems.get(0);
  }

  @Test
  void aGoodConfigurationHasNoProblem() {
    assertEquals(List.of(), problems("lti-bridge.data-dir", "target/config-check-data"));
    assertEquals(
        List.of(),
        problems(
            "lti-bridge.encryption-key", KEY,
            "lti-bridge.db.url", "jdbc:postgresql://db:5432/lti",
            "lti-bridge.db.datasource", "org.postgresql.ds.PGSimpleDataSource",
            "lti-bridge.public-url", "https://bridge.example.edu/",
            "lti-bridge.trusted-proxies", "127.0.0.1, 10.0.0.0/8,::1,fd00::/8",
            "lti-bridge.keys.rotate-every", "P90D",
            "lti-bridge.log-format", "json"));
    assertEquals(
        List.of(),
        problems("lti-bridge.db.url", "jdbc:h2:file:/var/lib/lti;MODE=LEGACY"),
        "H2 with the default class");
  }

  @Test
  void anEncryptionKeyThatIsNotBase64() {
    String line = theOneProblem("lti-bridge.encryption-key", "not base64 at all!");
    assertTrue(line.startsWith("LTI_BRIDGE_ENCRYPTION_KEY is not base64"), line);
    assertFalse(line.contains("not base64 at all!"), "a secret is never repeated");
  }

  @Test
  void anEncryptionKeyOfTheWrongLength() {
    String line = theOneProblem("lti-bridge.encryption-key", "c2hvcnQ=");
    assertTrue(line.startsWith("LTI_BRIDGE_ENCRYPTION_KEY decodes to 5 bytes, not 32"), line);
  }

  @Test
  void aPostgresUrlWithTheH2DataSourceClass() {
    String line = theOneProblem("lti-bridge.db.url", "jdbc:postgresql://db:5432/lti");
    assertTrue(line.contains("PostgreSQL URL but the data source class is org.h2"), line);
    assertTrue(line.contains("LTI_BRIDGE_DB_DATASOURCE=org.postgresql.ds.PGSimpleDataSource"));
  }

  @Test
  void anH2UrlWithThePostgresDataSourceClass() {
    String line =
        theOneProblem(
            "lti-bridge.db.url", "jdbc:h2:file:./data/x",
            "lti-bridge.db.datasource", "org.postgresql.ds.PGSimpleDataSource");
    assertTrue(line.contains("H2 URL but the data source class is org.postgresql"), line);
  }

  @Test
  void aDatabaseUrlThatIsNoJdbcUrlIsShownWithoutItsCredentials() {
    String line = theOneProblem("lti-bridge.db.url", "postgres://user:pw@db/lti");
    assertTrue(line.startsWith("LTI_BRIDGE_DB_URL must be a JDBC URL"), line);
    assertFalse(line.contains("pw"), line);
  }

  @Test
  void aPublicUrlThatIsNotAUrl() {
    for (String bad :
        List.of("bridge.example.edu", "ftp://bridge.example.edu", "https://", "http://x/?a=b")) {
      String line = theOneProblem("lti-bridge.public-url", bad);
      assertTrue(line.startsWith("LTI_BRIDGE_PUBLIC_URL must be an absolute http(s) URL"), line);
    }
  }

  @Test
  void trustedProxiesThatAreNotAddresses() {
    for (String bad : List.of("proxy.example.edu", "10.0.0.0/33", "10.0.0.1/x", "300.1.1.1")) {
      String line = theOneProblem("lti-bridge.trusted-proxies", "127.0.0.1," + bad);
      assertTrue(line.startsWith("LTI_BRIDGE_TRUSTED_PROXIES must list IP addresses"), line);
      assertTrue(line.contains("'" + bad + "'"), line);
    }
  }

  @Test
  void aDurationThatIsNotOne() {
    String line = theOneProblem("lti11.timestamp-window", "5 minutes");
    assertEquals(
        "LTI11_TIMESTAMP_WINDOW must be an ISO-8601 duration such as PT5M or P90D, not '5"
            + " minutes'",
        line);
  }

  @Test
  void aDataDirectoryThatCannotBeCreated() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("lti-bridge", ".txt");
    try {
      String line = theOneProblem("lti-bridge.data-dir", file.resolve("data").toString());
      assertTrue(line.startsWith("LTI_BRIDGE_DATA_DIR " + file.resolve("data")), line);
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void anUnknownLogFormat() {
    assertTrue(theOneProblem("lti-bridge.log-format", "xml").startsWith("LTI_BRIDGE_LOG_FORMAT"));
  }

  @Test
  void everyProblemIsReported() {
    assertEquals(
        3,
        problems(
                "lti-bridge.encryption-key", "x",
                "lti-bridge.public-url", "nope",
                "lti-bridge.trusted-proxies", "a.b")
            .size());
  }
}
