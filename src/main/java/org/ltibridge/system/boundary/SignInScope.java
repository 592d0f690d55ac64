package org.ltibridge.system.boundary;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Keeps the console's sign-in (Jakarta Security, see {@code SignInMechanism}) off the paths where
 * nobody signs in: the LTI tool role's pages and launches, the keyset, and the platform's token,
 * AGS and NRPS services and the admin API (bearer tokens). Jakarta Security calls its
 * authentication mechanism on every request of the application, and Payara's bridge to it looks the
 * mechanism up in JNDI and CDI twice per request (before and after it): about a tenth of the
 * server's CPU on an LTI launch, for requests that never carry a console session.
 *
 * <p>How: the Jakarta Authentication provider that Jakarta Security registered for this application
 * is registered again, wrapped; the wrapper answers these paths itself as anonymous (the caller
 * principal set to none, as the mechanism does for a request it leaves alone) and hands every other
 * request to it. Fails closed: a protected path listed here by mistake would find no caller and be
 * refused by its security constraint.
 */
@WebListener
public class SignInScope implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(SignInScope.class.getName());
  private static final String LAYER = "HttpServlet";

  /** Path prefixes (after the context path) where nobody is signed in. */
  static final List<String> ANONYMOUS =
      List.of(
          "/lti13/",
          "/lamb/",
          "/lti/jwks",
          "/.well-known/",
          "/lti/token",
          "/api/v1/lti/ags/",
          "/api/v1/lti/nrps/",
          // The admin API authenticates by bearer token only (RFC 6750): the console's sign-in
          // cookie must never count there, so that no cross-site request can use it.
          "/api/v1/admin/",
          "/api/v1/creator/",
          // The creator interface in the LMS's frame: its session travels in the page
          // (CreatorFrameFilter), never in the console's cookie.
          "/ui/lti-creator/",
          "/ui/jakarta.faces.resource/");

  /**
   * The exception among them: the creator API's reads and preview that the console's assistant
   * editor calls with its sign-in (no bearer token), so the sign-in must find its caller. The
   * sign-in cookie is {@code SameSite=Lax} ({@code identity/control/SignInCookie}), so no other
   * site's POST carries it, and these change nothing.
   */
  static final Pattern CONSOLE_EDITOR =
      Pattern.compile("/api/v1/creator/assistants/(models|\\d+/(versions|preview))");

  private String registration;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    AuthConfigFactory factory = AuthConfigFactory.getFactory();
    String appContext = context.getVirtualServerName() + " " + context.getContextPath();
    AuthConfigProvider registered =
        factory == null ? null : factory.getConfigProvider(LAYER, appContext, null);
    if (registered == null) {
      LOG.warning("No sign-in provider registered for " + appContext + "; nothing to scope.");
      return;
    }
    registration =
        factory.registerConfigProvider(
            new Provider(registered),
            LAYER,
            appContext,
            "LTI Bridge: console sign-in, not on the anonymous LTI paths");
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    AuthConfigFactory factory = AuthConfigFactory.getFactory();
    if (registration != null && factory != null) {
      factory.removeRegistration(registration);
    }
  }

  static boolean isAnonymous(MessageInfo message) {
    if (!(message.getRequestMessage() instanceof HttpServletRequest request)) {
      return false;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (CONSOLE_EDITOR.matcher(path).matches()) {
      return false;
    }
    for (String prefix : ANONYMOUS) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The registered provider, with {@link Context} around each server authentication context. */
  record Provider(AuthConfigProvider delegate) implements AuthConfigProvider {

    @Override
    public ServerAuthConfig getServerAuthConfig(
        String layer, String appContext, CallbackHandler handler) throws AuthException {
      return new Config(delegate.getServerAuthConfig(layer, appContext, handler), handler);
    }

    @Override
    public ClientAuthConfig getClientAuthConfig(
        String layer, String appContext, CallbackHandler handler) throws AuthException {
      return delegate.getClientAuthConfig(layer, appContext, handler);
    }

    @Override
    public void refresh() {
      delegate.refresh();
    }
  }

  record Config(ServerAuthConfig delegate, CallbackHandler handler) implements ServerAuthConfig {

    @Override
    @SuppressWarnings("rawtypes")
    public ServerAuthContext getAuthContext(
        String authContextId, Subject serviceSubject, Map properties) throws AuthException {
      ServerAuthContext signIn = delegate.getAuthContext(authContextId, serviceSubject, properties);
      return signIn == null ? null : new Context(signIn, handler);
    }

    @Override
    public String getMessageLayer() {
      return delegate.getMessageLayer();
    }

    @Override
    public String getAppContext() {
      return delegate.getAppContext();
    }

    @Override
    public String getAuthContextID(MessageInfo messageInfo) {
      return delegate.getAuthContextID(messageInfo);
    }

    @Override
    public void refresh() {
      delegate.refresh();
    }

    @Override
    public boolean isProtected() {
      return delegate.isProtected();
    }
  }

  /** Anonymous paths answered here; everything else by the sign-in. */
  record Context(ServerAuthContext delegate, CallbackHandler handler) implements ServerAuthContext {

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service)
        throws AuthException {
      if (!isAnonymous(message)) {
        return delegate.validateRequest(message, client, service);
      }
      try {
        handler.handle(new Callback[] {new CallerPrincipalCallback(client, (Principal) null)});
      } catch (IOException | UnsupportedCallbackException e) {
        throw (AuthException) new AuthException("Anonymous caller not accepted").initCause(e);
      }
      return AuthStatus.SUCCESS;
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
      if (!isAnonymous(message)) {
        return delegate.secureResponse(message, service);
      }
      return AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
      delegate.cleanSubject(message, subject);
    }
  }
}
