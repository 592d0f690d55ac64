package org.ltibridge.it;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.ltibridge.testsupport.Rfc5849Signer;

/**
 * Plays an LTI 1.1 consumer (an LMS): builds launch parameters the way Moodle and Canvas send them
 * and signs them with the independent RFC 5849 signer of the test sources.
 */
public final class Lms {

  public static final String UNIFIED = "lamb/v1/lti/launch";

  /** LAMB's legacy Student LTI launch URL: the key names an assistant. */
  public static final String LEGACY = "lamb/v1/lti_users/lti";

  private final URI base;
  private final String key;
  private final String secret;
  private final String instanceGuid = "lms-" + UUID.randomUUID();

  public Lms(URI base, String key, String secret) {
    this.base = base;
    this.key = key;
    this.secret = secret;
  }

  /** Someone in a course. */
  public record Person(String userId, String name, String email, String username, String roles) {

    public static Person instructor(String email) {
      String id = "i-" + UUID.randomUUID();
      return new Person(id, "Ines Instructor", email, null, "Instructor");
    }

    public static Person student() {
      String id = UUID.randomUUID().toString().substring(0, 8);
      return new Person(
          "s-" + id, "Sam Student " + id, "sam." + id + "@example.edu", "sam" + id, "Learner");
    }
  }

  /** A fresh placement id, unique per test. */
  public static String newPlacement() {
    return "rl-" + UUID.randomUUID();
  }

  /** Launch parameters, unsigned. */
  public Map<String, String> params(Person who, String resourceLinkId) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("lti_message_type", "basic-lti-launch-request");
    p.put("lti_version", "LTI-1p0");
    p.put("resource_link_id", resourceLinkId);
    p.put("resource_link_title", "AI assistants");
    p.put("context_id", "course-101");
    p.put("context_title", "Physics 101");
    p.put("user_id", who.userId());
    p.put("roles", who.roles());
    p.put("lis_person_name_full", who.name());
    if (who.email() != null) {
      p.put("lis_person_contact_email_primary", who.email());
    }
    if (who.username() != null) {
      p.put("ext_user_username", who.username());
    }
    p.put("tool_consumer_instance_guid", instanceGuid);
    p.put("launch_presentation_document_target", "iframe");
    return p;
  }

  /** Signed with the configured key and secret, for the Unified launch URL. */
  public Map<String, String> signed(Map<String, String> params) {
    return signed(params, key, secret, Rfc5849Signer.Method.HMAC_SHA1);
  }

  public Map<String, String> signed(
      Map<String, String> params, String withKey, String withSecret, Rfc5849Signer.Method method) {
    return signedFor(UNIFIED, params, withKey, withSecret, method);
  }

  /** Signed for the launch URL {@code path}. */
  public Map<String, String> signedFor(
      String path,
      Map<String, String> params,
      String withKey,
      String withSecret,
      Rfc5849Signer.Method method) {
    return new Rfc5849Signer(withKey, withSecret, method)
        .sign("POST", base.resolve(path).toString(), params);
  }

  /**
   * Signs (with this LMS's key and secret) and posts a launch of a legacy single-assistant link.
   */
  public Http.Res launchLegacy(Person who, String resourceLinkId) {
    return new Http(base)
        .postForm(
            LEGACY,
            body(
                signedFor(
                    LEGACY,
                    params(who, resourceLinkId),
                    key,
                    secret,
                    Rfc5849Signer.Method.HMAC_SHA1)),
            "Accept",
            "text/html");
  }

  public static String body(Map<String, String> signed) {
    return Rfc5849Signer.formBody(signed);
  }

  /** Signs and posts a launch. */
  public Http.Res launch(Person who, String resourceLinkId) {
    return new Http(base)
        .postForm(UNIFIED, body(signed(params(who, resourceLinkId))), "Accept", "text/html");
  }
}
