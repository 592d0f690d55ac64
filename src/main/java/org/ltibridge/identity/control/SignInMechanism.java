package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.ltibridge.system.control.PublicUrl;

/**
 * The one rule for who is signed in to the consoles and the learner pages (Jakarta Security 3.0
 * §2.3, a custom {@link HttpAuthenticationMechanism}; the application has no other).
 *
 * <ul>
 *   <li>The sign-in form calls {@code SecurityContext.authenticate} with the username and password:
 *       the identity stores validate them; on success a sign-in is started in the database ({@link
 *       SignInSessions}) and its opaque token given to the browser as a cookie ({@link
 *       SignInCookie}).
 *   <li>Every later request that brings the cookie is signed in on whichever instance it reaches:
 *       the sign-in row names the caller, and the identity store that signed them in ({@link
 *       SignInRealm}) gives their groups now, so a disabled account is refused at once.
 *   <li>Nobody signed in on a protected page: the sign-in page is shown in its place (as Jakarta
 *       Security's {@code LoginToContinue} forwards), with the page to continue to.
 *   <li>Sign-out ({@code HttpServletRequest.logout}) ends the sign-in row and clears the cookie.
 * </ul>
 *
 * Nothing of it lives in an HTTP session, so no load balancer needs sticky sessions.
 */
@ApplicationScoped
public class SignInMechanism implements HttpAuthenticationMechanism {

  /** The sign-in page, relative to the application's base URL. */
  public static final String LOGIN_PAGE = "/ui/login.xhtml";

  private static final String AJAX_REDIRECT =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<partial-response><redirect url=\"%s\"></redirect></partial-response>";

  @Inject IdentityStoreHandler identityStores;
  @Inject SignInSessions sessions;
  @Inject Instance<SignInRealm> realms;
  @Inject PublicUrl publicUrl;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential =
        context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
    if (credential != null) {
      return signIn(request, response, context, credential);
    }
    Optional<String> token = SignInCookie.read(request);
    if (token.isPresent()) {
      Optional<Signed> signed = signedIn(token.get());
      if (signed.isPresent()) {
        return context.notifyContainerAboutLogin(
            new CallerPrincipal(signed.get().caller()), signed.get().groups());
      }
      // Ended, expired, or the account may no longer sign in: forget it everywhere.
      sessions.end(token.get());
      SignInCookie.clear(request, response, secure(request));
    }
    if (context.isProtected()) {
      return toSignIn(request, response, context);
    }
    return context.doNothing();
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    SignInCookie.read(request).ifPresent(sessions::end);
    SignInCookie.clear(request, response, secure(request));
    context.cleanClientSubject();
  }

  /** Who a sign-in token stands for now, with their groups of now. */
  record Signed(String caller, Set<String> groups) {}

  Optional<Signed> signedIn(String token) {
    return sessions
        .open(token)
        .flatMap(
            open ->
                realms.stream()
                    .filter(r -> r.name().equals(open.realm()))
                    .findFirst()
                    .flatMap(r -> r.groupsNow(open.caller()))
                    .map(groups -> new Signed(open.caller(), groups)));
  }

  private AuthenticationStatus signIn(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      Credential credential) {
    CredentialValidationResult result = identityStores.validate(credential);
    Optional<SignInRealm> realm =
        result.getStatus() == CredentialValidationResult.Status.VALID
            ? realms.stream().filter(r -> r.owns(result)).findFirst()
            : Optional.empty();
    if (realm.isEmpty()) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    // A sign-in replaces the one the browser had (a fresh token: nothing to fixate).
    SignInCookie.read(request).ifPresent(sessions::end);
    String caller = result.getCallerPrincipal().getName();
    SignInCookie.set(
        request, response, sessions.start(caller, realm.get().name()), secure(request));
    return context.notifyContainerAboutLogin(result);
  }

  private AuthenticationStatus toSignIn(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    response.setHeader("Cache-Control", "no-store");
    if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
      // An ajax postback cannot show a page in its place: the partial response makes the JSF
      // script navigate (Jakarta Faces 4.0, the partial-response "redirect" element).
      try {
        response.setContentType("text/xml");
        response.setCharacterEncoding("UTF-8");
        response
            .getWriter()
            .write(String.format(AJAX_REDIRECT, request.getContextPath() + LOGIN_PAGE));
      } catch (IOException e) {
        throw new IllegalStateException("The redirect to the sign-in page failed", e);
      }
      return AuthenticationStatus.SEND_CONTINUE;
    }
    return context.forward(LOGIN_PAGE);
  }

  private boolean secure(HttpServletRequest request) {
    return request.isSecure() || publicUrl.base(request).startsWith("https:");
  }
}
