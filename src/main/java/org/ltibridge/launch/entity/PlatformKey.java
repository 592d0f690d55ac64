package org.ltibridge.launch.entity;

import java.util.Objects;

/**
 * Which LMS (installation) a launch came from, as authenticated by its verifier. Activities are
 * keyed by this value together with the resource link id, because a {@code resource_link_id} is
 * unique only within one consumer (LTI 1.1 does not make it global): two LMSs sharing a key must
 * not collide.
 *
 * @param value stable textual form, stored in the database
 */
public record PlatformKey(String value) {

  public PlatformKey {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("platform key must not be blank");
    }
  }

  /** LTI 1.1: the consumer key and, where the LMS sends it, {@code tool_consumer_instance_guid}. */
  public static PlatformKey lti11(String consumerKey, String instanceGuid) {
    String guid = instanceGuid == null || instanceGuid.isBlank() ? "-" : instanceGuid.strip();
    return new PlatformKey("lti11|" + consumerKey + "|" + guid);
  }

  /**
   * LTI 1.3: issuer, client id and deployment id. A {@code resource_link_id} is unique only within
   * its deployment (LTI 1.3 Core §5.3.5), a deployment id only within its issuer (§5.3.3), and
   * Canvas shares one issuer across all its hosted instances, which only the client id tells apart
   * (Canvas's LTI 1.3 documentation). So all three are needed for two platforms never to share an
   * activity.
   */
  public static PlatformKey lti13(String issuer, String clientId, String deploymentId) {
    return new PlatformKey("lti13|" + issuer + "|" + clientId + "|" + deploymentId);
  }

  @Override
  public String toString() {
    return value;
  }
}
