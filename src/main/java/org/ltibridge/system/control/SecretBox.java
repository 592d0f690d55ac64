package org.ltibridge.system.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts secrets at rest (consumer secrets, model API keys, later private keys) with AES-256-GCM.
 * The key comes from {@code LTI_BRIDGE_ENCRYPTION_KEY} (base64, 32 bytes); without it, one is
 * generated once into the private data directory so that a demo start needs no configuration.
 * Several instances sharing a database must share the key: configure it.
 */
@ApplicationScoped
public class SecretBox {

  private static final Logger LOG = Logger.getLogger(SecretBox.class.getName());
  private static final String KEY_FILE = "encryption.key";
  private static final String VERSION = "v1:";
  private static final int IV_BYTES = 12;

  /**
   * One cipher object per thread, initialised afresh (a new IV) for every use: looking the
   * algorithm up among the providers cost more than sealing a login's state does.
   */
  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("AES-GCM is not available", e);
            }
          });

  @Inject
  @ConfigProperty(name = "lti-bridge.encryption-key")
  Optional<String> configuredKey;

  @Inject DataDirectory dataDirectory;

  private SecretKey key;

  /** For unit tests and tools: a box over an explicit key. */
  public static SecretBox withKey(byte[] keyBytes) {
    SecretBox box = new SecretBox();
    box.key = new SecretKeySpec(keyBytes, "AES");
    return box;
  }

  @PostConstruct
  void init() {
    String encoded =
        configuredKey
            .filter(k -> !k.isBlank())
            .orElseGet(
                () -> {
                  byte[] fresh = new byte[32];
                  Randomness.SECURE.nextBytes(fresh);
                  if (dataDirectory.createPrivate(
                      KEY_FILE, Base64.getEncoder().encodeToString(fresh))) {
                    LOG.warning(
                        "LTI_BRIDGE_ENCRYPTION_KEY is not set: generated one in "
                            + dataDirectory.pathOf(KEY_FILE)
                            + " (set the variable when running several instances)");
                  }
                  return dataDirectory.read(KEY_FILE).orElseThrow();
                });
    byte[] bytes = Base64.getDecoder().decode(encoded.trim());
    if (bytes.length != 32) {
      throw new IllegalStateException("LTI_BRIDGE_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
    }
    key = new SecretKeySpec(bytes, "AES");
  }

  public String encrypt(String plaintext) {
    return VERSION
        + Base64.getEncoder().encodeToString(seal(plaintext.getBytes(StandardCharsets.UTF_8)));
  }

  public String decrypt(String stored) {
    if (stored == null || !stored.startsWith(VERSION)) {
      throw new IllegalStateException("Not an encrypted value");
    }
    return open(Base64.getDecoder().decode(stored.substring(VERSION.length())))
        .map(plain -> new String(plain, StandardCharsets.UTF_8))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "A stored secret cannot be decrypted: is LTI_BRIDGE_ENCRYPTION_KEY the one it"
                        + " was written with?"));
  }

  /** Encrypts and authenticates: a random IV, then the ciphertext with its tag. */
  public byte[] seal(byte[] plain) {
    try {
      byte[] iv = new byte[IV_BYTES];
      Randomness.SECURE.nextBytes(iv);
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plain);
      return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Encryption failed", e);
    }
  }

  /**
   * What {@link #seal} sealed with this key; empty for anything else (another key, a changed or
   * truncated value), so it may be given untrusted input.
   */
  public Optional<byte[]> open(byte[] sealed) {
    if (sealed == null || sealed.length < IV_BYTES + 16) {
      return Optional.empty();
    }
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, IV_BYTES));
      return Optional.of(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
    } catch (javax.crypto.AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Decryption failed", e);
    }
  }
}
