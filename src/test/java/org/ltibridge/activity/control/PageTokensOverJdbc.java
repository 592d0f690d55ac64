package org.ltibridge.activity.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.ltibridge.activity.entity.PageToken;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.testsupport.Rows;

/**
 * The full way of {@link PageTokens} ({@link PageTokens#openPage}, {@link PageTokens#require},
 * {@link PageTokens#consume}) outside the container: the unit tests have no JPA provider (it is
 * Payara's), so this stands in for the two calls those methods make on their {@link EntityManager},
 * {@code find(PageToken.class, hash)} and a bulk {@code UPDATE PageToken ...} with named
 * parameters, translated word for word to SQL on the same database as the quick way. Every other
 * call fails, so a change to the full way that this does not model shows up as a failure.
 */
final class PageTokensOverJdbc {

  private static final Map<String, String> COLUMNS =
      Map.of(
          "PageToken t", "page_tokens",
          "t.openedAt", "opened_at",
          "t.consumedAt", "consumed_at",
          "t.expiresAt", "expires_at",
          "t.tokenHash", "token_hash");

  private static final Pattern PARAMETER = Pattern.compile(":(\\w+)");

  private PageTokensOverJdbc() {}

  /** {@code tokens} with its entity manager on {@code db}. */
  static PageTokens wire(PageTokens tokens, DataSource db) {
    tokens.em = entityManager(db);
    return tokens;
  }

  private static EntityManager entityManager(DataSource db) {
    return (EntityManager)
        Proxy.newProxyInstance(
            PageTokensOverJdbc.class.getClassLoader(),
            new Class<?>[] {EntityManager.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "find" -> {
                    if (args.length != 2 || args[0] != PageToken.class) {
                      throw new UnsupportedOperationException(method.toString());
                    }
                    yield find(db, (String) args[1]);
                  }
                  case "createQuery" -> {
                    if (args.length != 1 || !(args[0] instanceof String jpql)) {
                      throw new UnsupportedOperationException(method.toString());
                    }
                    yield update(db, jpql);
                  }
                  default -> throw new UnsupportedOperationException(method.toString());
                });
  }

  private static PageToken find(DataSource db, String hash) throws ReflectiveOperationException {
    List<Object[]> found =
        Rows.list(
            db,
            "SELECT kind, activity_id, activity_user_id, payload, created_at, expires_at,"
                + " opened_at, consumed_at FROM page_tokens WHERE token_hash = ?",
            hash);
    if (found.isEmpty()) {
      return null;
    }
    Object[] row = found.get(0);
    var constructor = PageToken.class.getDeclaredConstructor();
    constructor.setAccessible(true);
    PageToken token = constructor.newInstance();
    set(token, "tokenHash", hash);
    set(token, "kind", TokenKind.valueOf((String) row[0]));
    set(token, "activityId", row[1] == null ? null : ((Number) row[1]).longValue());
    set(token, "activityUserId", row[2] == null ? null : ((Number) row[2]).longValue());
    set(token, "payload", row[3]);
    set(token, "createdAt", time(row[4]));
    set(token, "expiresAt", time(row[5]));
    set(token, "openedAt", time(row[6]));
    set(token, "consumedAt", time(row[7]));
    return token;
  }

  private static Object time(Object value) {
    return value instanceof Timestamp t ? t.toLocalDateTime() : value;
  }

  private static void set(PageToken token, String field, Object value)
      throws ReflectiveOperationException {
    Field f = PageToken.class.getDeclaredField(field);
    f.setAccessible(true);
    f.set(token, value);
  }

  private static Query update(DataSource db, String jpql) {
    if (!jpql.startsWith("UPDATE PageToken t SET ")) {
      throw new UnsupportedOperationException(jpql);
    }
    String sql = jpql;
    for (Map.Entry<String, String> c : COLUMNS.entrySet()) {
      sql = sql.replace(c.getKey(), c.getValue());
    }
    List<String> names = new ArrayList<>();
    Matcher m = PARAMETER.matcher(sql);
    while (m.find()) {
      names.add(m.group(1));
    }
    String statement = PARAMETER.matcher(sql).replaceAll("?");
    Map<String, Object> values = new LinkedHashMap<>();
    return (Query)
        Proxy.newProxyInstance(
            PageTokensOverJdbc.class.getClassLoader(),
            new Class<?>[] {Query.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "setParameter" -> {
                    if (args.length != 2 || !(args[0] instanceof String name)) {
                      throw new UnsupportedOperationException(method.toString());
                    }
                    values.put(name, args[1]);
                    yield proxy;
                  }
                  case "executeUpdate" ->
                      Rows.execute(db, statement, names.stream().map(values::get).toArray());
                  default -> throw new UnsupportedOperationException(method.toString());
                });
  }
}
