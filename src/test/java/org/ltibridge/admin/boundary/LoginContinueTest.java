package org.ltibridge.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Where a sign-in continues: the page asked for, if it is a local path in the caller's area; never
 * another site (OWASP Unvalidated Redirects and Forwards Cheat Sheet).
 */
class LoginContinueTest {

  static final String HOME = "/ui/admin/index.xhtml";

  @Test
  void localPagesOfTheAreaAreContinuedToAndNothingElse() {
    String[][] cases = {
      {"/ui/admin/organization.xhtml?org=physics", "/ui/admin/organization.xhtml?org=physics"},
      {null, HOME},
      {"", HOME},
      {"//evil.example/ui/admin/", HOME},
      {"https://evil.example/ui/admin/", HOME},
      {"/ui/admin//evil.example", HOME},
      {"/ui/admin/\\evil", HOME},
      {"/ui/admin/x\r\nSet-Cookie: a=b", HOME},
      {"/ui/creator/index.xhtml", HOME},
      {"/ui/learn/index.xhtml", HOME},
    };
    for (String[] c : cases) {
      LoginBacking login = new LoginBacking();
      login.setNext(c[0]);
      assertEquals(c[1], login.continueOr(HOME, "/ui/admin/"), String.valueOf(c[0]));
    }
  }
}
