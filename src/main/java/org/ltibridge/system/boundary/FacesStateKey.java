package org.ltibridge.system.boundary;

import jakarta.faces.FacesWrapper;
import jakarta.faces.FactoryFinder;
import jakarta.faces.event.SystemEvent;
import jakarta.faces.event.SystemEventListener;
import jakarta.faces.render.RenderKitFactory;
import jakarta.faces.render.ResponseStateManager;
import java.lang.reflect.Field;
import java.util.Base64;
import java.util.Iterator;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The key that encrypts and authenticates the JSF view state in the page (client-side state saving,
 * web.xml). A postback may reach any instance behind a load balancer, so all of them need the same
 * key: {@code LTI_BRIDGE_FACES_STATE_KEY}, base64 of 16, 24 or 32 random bytes (AES; e.g. {@code
 * openssl rand -base64 32}). Unset, Mojarra draws a random key at each start, which is right for
 * one instance; one INFO line says so. Malformed, the application does not start.
 *
 * <p>Mojarra reads its key once, from the JNDI entry {@code
 * java:comp/env/faces/ClientSideSecretKey} (its {@code ByteArrayGuard}); an {@code env-entry} in
 * web.xml could only take the value from an environment variable by server-specific substitution
 * ({@code ${ENV=…}} on Payara, {@code ${env.…}} behind a switch on WildFly), which one WAR for both
 * cannot use. So the key is handed to Mojarra's guard here, once Faces has started ({@link
 * jakarta.faces.event .PostConstructApplicationEvent}, registered in faces-config.xml). This is the
 * one place that knows Mojarra's internals; if they change, the start fails here rather than run
 * with a key of its own. The key is never logged.
 */
public class FacesStateKey implements SystemEventListener {

  private static final Logger LOG = Logger.getLogger(FacesStateKey.class.getName());
  static final String PROPERTY = "lti-bridge.faces-state-key";
  static final String NOT_SET =
      "LTI_BRIDGE_FACES_STATE_KEY is not set: this instance encrypts JSF view state with a random"
          + " key of its own; several instances behind a load balancer need the same key (base64"
          + " of 32 random bytes)";
  static final String MALFORMED =
      "LTI_BRIDGE_FACES_STATE_KEY must be base64 of 16, 24 or 32 bytes (e.g. openssl rand -base64"
          + " 32); the application does not start";
  static final String UNSUPPORTED =
      "LTI_BRIDGE_FACES_STATE_KEY cannot be given to this Faces implementation (Mojarra 4"
          + " expected); the application does not start";

  @Override
  public boolean isListenerForSource(Object source) {
    return true;
  }

  @Override
  public void processEvent(SystemEvent event) {
    Optional<String> configured =
        ConfigProvider.getConfig()
            .getOptionalValue(PROPERTY, String.class)
            .map(String::strip)
            .filter(k -> !k.isEmpty());
    if (configured.isEmpty()) {
      LOG.info(NOT_SET);
      return;
    }
    SecretKey key = parse(configured.get());
    try {
      RenderKitFactory kits =
          (RenderKitFactory) FactoryFinder.getFactory(FactoryFinder.RENDER_KIT_FACTORY);
      int installed = 0;
      for (Iterator<String> ids = kits.getRenderKitIds(); ids.hasNext(); ) {
        ResponseStateManager manager =
            kits.getRenderKit(null, ids.next()).getResponseStateManager();
        install(manager, key);
        installed++;
      }
      if (installed == 0) {
        throw new IllegalStateException("no render kit");
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.SEVERE, UNSUPPORTED + " (" + e + ")");
      throw new IllegalStateException(UNSUPPORTED);
    }
    LOG.info("JSF view state is encrypted with LTI_BRIDGE_FACES_STATE_KEY");
  }

  /** The key, or the start stops with one line that does not show the value. */
  static SecretKey parse(String encoded) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException notBase64) {
      bytes = new byte[0];
    }
    if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
      LOG.severe(MALFORMED);
      throw new IllegalStateException(MALFORMED);
    }
    return new SecretKeySpec(bytes, "AES");
  }

  /**
   * Mojarra: ResponseStateManagerImpl.helper (ClientSideStateHelper) .guard (ByteArrayGuard) .sk
   */
  private static void install(ResponseStateManager manager, SecretKey key)
      throws ReflectiveOperationException {
    Object unwrapped = manager;
    while (unwrapped instanceof FacesWrapper<?> wrapper) {
      unwrapped = wrapper.getWrapped();
    }
    Object helper = field(unwrapped, "helper");
    Object guard = field(helper, "guard");
    if (guard == null) {
      throw new IllegalStateException("client-side state encryption is off");
    }
    Field sk = declared(guard.getClass(), "sk");
    sk.set(guard, key);
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    return declared(owner.getClass(), name).get(owner);
  }

  private static Field declared(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException next) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(type.getName() + "." + name);
  }
}
