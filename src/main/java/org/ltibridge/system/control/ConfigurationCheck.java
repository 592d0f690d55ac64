package org.ltibridge.system.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Configuration values that would otherwise fail later with a stack trace, or worse quietly: each
 * wrong value gives one line that names the environment variable and says what is expected (never
 * the value of a secret). Run once at start by {@link StartupChecks}.
 */
public final class ConfigurationCheck {

  static final String ERROR_KEY_BASE64 =
      "LTI_BRIDGE_ENCRYPTION_KEY is not base64: give 32 random bytes in base64, e.g. the output of"
          + " `openssl rand -base64 32`";
  static final String ERROR_KEY_LENGTH =
      "LTI_BRIDGE_ENCRYPTION_KEY decodes to %d bytes, not 32: give 32 random bytes in base64, e.g."
          + " the output of `openssl rand -base64 32`";
  static final String ERROR_DB_URL =
      "LTI_BRIDGE_DB_URL must be a JDBC URL (jdbc:postgresql://host:5432/db or jdbc:h2:file:...),"
          + " not '%s'";
  static final String ERROR_DB_POSTGRES_WITH_H2 =
      "LTI_BRIDGE_DB_URL is a PostgreSQL URL but the data source class is %s: set"
          + " LTI_BRIDGE_DB_DATASOURCE=org.postgresql.ds.PGSimpleDataSource";
  static final String ERROR_DB_H2_WITH_POSTGRES =
      "LTI_BRIDGE_DB_URL is an H2 URL but the data source class is %s: set"
          + " LTI_BRIDGE_DB_DATASOURCE=org.h2.jdbcx.JdbcDataSource";
  static final String ERROR_PUBLIC_URL =
      "LTI_BRIDGE_PUBLIC_URL must be an absolute http(s) URL without query or fragment, such as"
          + " https://bridge.example.edu, not '%s'";
  static final String ERROR_PROXY =
      "LTI_BRIDGE_TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas (e.g."
          + " 127.0.0.1,10.0.0.0/8,::1); '%s' is neither";
  static final String ERROR_DURATION =
      "%s must be an ISO-8601 duration such as PT5M or P90D, not '%s'";
  static final String ERROR_DATA_DIR =
      "LTI_BRIDGE_DATA_DIR %s cannot be created or is not writable by the server's user";
  static final String ERROR_LOG_FORMAT = "LTI_BRIDGE_LOG_FORMAT must be json or text, not '%s'";
  static final String ERROR_MAX_CONCURRENT =
      "LTI_BRIDGE_MODEL_MAX_CONCURRENT must be a whole number from 1 to 10000, not '%s'";

  /** The default data source class of server-config/post-boot-commands.asadmin. */
  static final String DEFAULT_DATASOURCE = "org.h2.jdbcx.JdbcDataSource";

  /** Duration-valued keys with their environment variables. */
  static final List<String> DURATIONS =
      List.of(
          "lti11.timestamp-window",
          "lti13.clock-skew",
          "lti13.jwks-cache-ttl",
          "lti13.jwks-min-refresh",
          "lti13.jwks-timeout",
          "launch-cache.ttl",
          "lti-bridge.admin-api.token-ttl",
          "lti-bridge.creator-session.ttl",
          "lti-bridge.keys.publish-ahead",
          "lti-bridge.keys.retain-after",
          "lti-bridge.keys.rotate-every",
          "lti-bridge.model.connect-timeout",
          "lti-bridge.model.first-word-timeout",
          "lti-bridge.model.idle-timeout",
          "lti-bridge.model.reply-timeout",
          "lti-bridge.sign-in.lockout");

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private ConfigurationCheck() {}

  /**
   * Every problem of the configuration {@code config} gives (MicroProfile Config keys; empty for an
   * unset key), each as one line.
   */
  public static List<String> problems(Function<String, Optional<String>> config) {
    List<String> problems = new ArrayList<>();
    set(config, "lti-bridge.encryption-key").ifPresent(k -> encryptionKey(k, problems));
    database(
        set(config, "lti-bridge.db.url"),
        set(config, "lti-bridge.db.datasource").orElse(DEFAULT_DATASOURCE),
        problems);
    set(config, "lti-bridge.public-url").ifPresent(u -> publicUrl(u, problems));
    set(config, "lti-bridge.trusted-proxies").ifPresent(p -> proxies(p, problems));
    for (String key : DURATIONS) {
      set(config, key).ifPresent(d -> duration(key, d, problems));
    }
    String dir = set(config, "lti-bridge.data-dir").orElse("./data");
    if (!writableDirectory(dir)) {
      problems.add(ERROR_DATA_DIR.formatted(dir));
    }
    set(config, "lti-bridge.model.max-concurrent")
        .filter(
            n ->
                !n.matches("[0-9]{1,5}") || Integer.parseInt(n) < 1 || Integer.parseInt(n) > 10_000)
        .ifPresent(n -> problems.add(ERROR_MAX_CONCURRENT.formatted(n)));
    set(config, "lti-bridge.log-format")
        .filter(f -> !List.of("json", "text").contains(f.toLowerCase(Locale.ROOT)))
        .ifPresent(f -> problems.add(ERROR_LOG_FORMAT.formatted(f)));
    return problems;
  }

  /**
   * The same check before a server starts (run.sh; any deploy script): reads the environment as
   * MicroProfile Config would, prints each problem on one line and exits with 1 if there is one.
   */
  public static void main(String[] args) {
    List<String> problems =
        problems(
            key ->
                Optional.ofNullable(System.getProperty(key))
                    .or(() -> Optional.ofNullable(System.getenv(environmentName(key)))));
    problems.forEach(p -> System.err.println("LTI Bridge configuration error: " + p));
    if (!problems.isEmpty()) {
      System.exit(1);
    }
  }

  private static Optional<String> set(Function<String, Optional<String>> config, String key) {
    return config.apply(key).map(String::strip).filter(v -> !v.isEmpty());
  }

  static boolean writableDirectory(String dir) {
    try {
      java.nio.file.Path path = java.nio.file.Path.of(dir).toAbsolutePath();
      java.nio.file.Files.createDirectories(path);
      return java.nio.file.Files.isWritable(path);
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  static void encryptionKey(String key, List<String> problems) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      problems.add(ERROR_KEY_BASE64);
      return;
    }
    if (bytes.length != 32) {
      problems.add(ERROR_KEY_LENGTH.formatted(bytes.length));
    }
  }

  static void database(Optional<String> url, String dataSourceClass, List<String> problems) {
    if (url.isEmpty()) {
      return; // the embedded H2 default
    }
    String u = url.get().toLowerCase(Locale.ROOT);
    String cls = dataSourceClass.toLowerCase(Locale.ROOT);
    if (!u.startsWith("jdbc:")) {
      // A URL may carry a password: show only its scheme.
      problems.add(ERROR_DB_URL.formatted(u.split("[/?;@]", 2)[0]));
    } else if (u.startsWith("jdbc:postgresql:") && !cls.contains("postgres")) {
      problems.add(ERROR_DB_POSTGRES_WITH_H2.formatted(dataSourceClass));
    } else if (u.startsWith("jdbc:h2:") && !cls.contains("h2")) {
      problems.add(ERROR_DB_H2_WITH_POSTGRES.formatted(dataSourceClass));
    }
  }

  static void publicUrl(String value, List<String> problems) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        problems.add(ERROR_PUBLIC_URL.formatted(value));
      }
    } catch (URISyntaxException e) {
      problems.add(ERROR_PUBLIC_URL.formatted(value));
    }
  }

  static void proxies(String value, List<String> problems) {
    for (String entry : value.split(",")) {
      String e = entry.strip();
      if (!e.isEmpty() && !isAddressOrRange(e)) {
        problems.add(ERROR_PROXY.formatted(e));
      }
    }
  }

  /** An IP literal, optionally with a prefix length: never a host name (no DNS at start). */
  static boolean isAddressOrRange(String entry) {
    String[] parts = entry.split("/", -1);
    if (parts.length > 2) {
      return false;
    }
    int max;
    if (IPV4.matcher(parts[0]).matches()) {
      max = 32;
    } else if (IPV6.matcher(parts[0]).matches() && isIpv6Literal(parts[0])) {
      max = 128;
    } else {
      return false;
    }
    if (parts.length == 1) {
      return true;
    }
    try {
      int bits = Integer.parseInt(parts[1]);
      return bits >= 0 && bits <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isIpv6Literal(String s) {
    try {
      // Only hex digits, colons and dots reach here: parsed as a literal, never looked up.
      return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  static void duration(String key, String value, List<String> problems) {
    try {
      Duration.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(ERROR_DURATION.formatted(environmentName(key), value));
    }
  }

  /** The environment variable MicroProfile Config reads for a key (Config 3.1 §3.2.2). */
  static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
