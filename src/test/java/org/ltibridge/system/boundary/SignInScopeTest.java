package org.ltibridge.system.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import org.junit.jupiter.api.Test;

class SignInScopeTest {

  /** What the wrapped sign-in was asked to do. */
  final List<String> signIn = new ArrayList<>();

  final List<Callback> callbacks = new ArrayList<>();

  final ServerAuthContext mechanism =
      new ServerAuthContext() {
        @Override
        public AuthStatus validateRequest(MessageInfo m, Subject client, Subject service) {
          signIn.add("validate " + path(m));
          return AuthStatus.SEND_CONTINUE;
        }

        @Override
        public AuthStatus secureResponse(MessageInfo m, Subject service) {
          signIn.add("secure " + path(m));
          return AuthStatus.SEND_SUCCESS;
        }

        @Override
        public void cleanSubject(MessageInfo m, Subject subject) {
          signIn.add("clean " + path(m));
        }
      };

  final SignInScope.Context context =
      new SignInScope.Context(mechanism, all -> callbacks.addAll(List.of(all)));

  @Test
  void ltiPathsAreAnsweredAsAnonymousWithoutTheSignIn() throws Exception {
    for (String path :
        List.of(
            "/lti13/launch",
            "/lamb/v1/lti/chat",
            "/lamb/v1/lti_users/lti/",
            "/lti/jwks",
            "/api/v1/lti/ags/lineitems/4/scores",
            "/api/v1/admin/organizations/physics/creators",
            "/api/v1/admin/token",
            "/ui/lti-creator/index.xhtml",
            "/ui/jakarta.faces.resource/app.css")) {
      Subject client = new Subject();
      assertEquals(AuthStatus.SUCCESS, context.validateRequest(message("", path), client, null));
      assertEquals(AuthStatus.SEND_SUCCESS, context.secureResponse(message("", path), null));
      CallerPrincipalCallback caller = (CallerPrincipalCallback) callbacks.remove(0);
      assertSame(client, caller.getSubject());
      assertNull(caller.getPrincipal(), path + " has no caller");
    }
    assertEquals(List.of(), signIn);
  }

  @Test
  void everythingElseGoesThroughTheSignIn() throws Exception {
    for (String path :
        List.of(
            "/ui/admin/keys.xhtml",
            "/ui/login.xhtml",
            "/ui/learn/index.xhtml",
            "/admin",
            "/lti/launch/dep-1",
            "/lti/authorize",
            "/api/v1/lti/tools/3/grades",
            "/lti13")) {
      assertEquals(
          AuthStatus.SEND_CONTINUE,
          context.validateRequest(message("", path), new Subject(), null));
      context.secureResponse(message("", path), null);
    }
    assertEquals(16, signIn.size());
    assertTrue(signIn.contains("validate /api/v1/lti/tools/3/grades"), signIn.toString());
    assertEquals(List.of(), callbacks);
  }

  @Test
  void theConsolesAssistantEditorIsTheCreatorApisOnlySignedInPart() throws Exception {
    List<String> editor =
        List.of(
            "/api/v1/creator/assistants/models",
            "/api/v1/creator/assistants/12/versions",
            "/api/v1/creator/assistants/12/preview");
    List<String> tokenOnly =
        List.of(
            "/api/v1/creator/assistants",
            "/api/v1/creator/assistants/12",
            "/api/v1/creator/assistants/12/publish",
            "/api/v1/creator/assistants/models/x",
            "/api/v1/creator/assistants/x/preview");
    for (String path : editor) {
      assertEquals(
          AuthStatus.SEND_CONTINUE,
          context.validateRequest(message("", path), new Subject(), null));
    }
    for (String path : tokenOnly) {
      assertEquals(
          AuthStatus.SUCCESS, context.validateRequest(message("", path), new Subject(), null));
    }
    assertEquals(editor.stream().map(p -> "validate " + p).toList(), signIn);
  }

  @Test
  void theContextPathIsNotPartOfThePath() throws Exception {
    context.validateRequest(message("/bridge", "/bridge/lti13/login"), new Subject(), null);
    context.validateRequest(
        message("/bridge", "/bridge/ui/admin/index.xhtml"), new Subject(), null);
    assertEquals(List.of("validate /bridge/ui/admin/index.xhtml"), signIn);
  }

  private static String path(MessageInfo m) {
    return ((HttpServletRequest) m.getRequestMessage()).getRequestURI();
  }

  private static MessageInfo message(String contextPath, String uri) {
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                SignInScopeTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getRequestURI" -> uri;
                      case "getContextPath" -> contextPath;
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    Map<String, Object> map = new HashMap<>();
    return new MessageInfo() {
      @Override
      public Object getRequestMessage() {
        return request;
      }

      @Override
      public Object getResponseMessage() {
        return null;
      }

      @Override
      public void setRequestMessage(Object request) {}

      @Override
      public void setResponseMessage(Object response) {}

      @Override
      @SuppressWarnings("rawtypes")
      public Map getMap() {
        return map;
      }
    };
  }
}
