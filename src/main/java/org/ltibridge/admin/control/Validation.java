package org.ltibridge.admin.control;

import java.util.Locale;
import java.util.regex.Pattern;
import org.ltibridge.system.control.Problem;

/** The shapes administrative input must have, each refused with a message a person can act on. */
final class Validation {

  static final Problem.Text ERROR_SLUG = Problem.text("admin.Validation.slug");
  static final Problem.Text ERROR_NAME = Problem.text("admin.Validation.name");
  static final Problem.Text ERROR_EMAIL = Problem.text("admin.Validation.email");
  static final Problem.Text ERROR_USERNAME = Problem.text("admin.Validation.username");
  static final Problem.Text ERROR_DOMAIN = Problem.text("admin.Validation.domain");

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}[a-z0-9]");
  private static final Pattern EMAIL =
      Pattern.compile(
          "[^@\\s]{1,64}@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,200}");
  private static final Pattern DOMAIN =
      Pattern.compile("(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

  private Validation() {}

  static String slug(String slug) {
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw Problem.badRequest(ERROR_SLUG);
    }
    return slug;
  }

  static String name(String name) {
    if (name == null || name.isBlank() || name.strip().length() > 200) {
      throw Problem.badRequest(ERROR_NAME);
    }
    return name.strip();
  }

  /** An optional display name: blank means none. */
  static String optionalName(String name) {
    return name == null || name.isBlank() ? null : name(name);
  }

  static String email(String email) {
    String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (e.length() > 320 || !EMAIL.matcher(e).matches()) {
      throw Problem.badRequest(ERROR_EMAIL);
    }
    return e;
  }

  static String username(String username) {
    String u = username == null ? "" : username.strip();
    if (!USERNAME.matcher(u).matches()) {
      throw Problem.badRequest(ERROR_USERNAME);
    }
    return u;
  }

  static String domain(String domain) {
    String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
    if (d.startsWith("@")) {
      d = d.substring(1);
    }
    if (!DOMAIN.matcher(d).matches()) {
      throw Problem.badRequest(ERROR_DOMAIN.with(domain == null ? "" : domain.strip()));
    }
    return d;
  }
}
