package org.ltibridge.launch.entity;

/**
 * Claim names of LTI 1.3 Core, Deep Linking 2.0, AGS and NRPS that LTI Bridge reads (tool role) or
 * writes (both roles).
 */
public final class LtiClaims {

  private LtiClaims() {}

  public static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
  public static final String MESSAGE_TYPE = LTI + "message_type";
  public static final String VERSION = LTI + "version";
  public static final String DEPLOYMENT_ID = LTI + "deployment_id";
  public static final String TARGET_LINK_URI = LTI + "target_link_uri";
  public static final String RESOURCE_LINK = LTI + "resource_link";
  public static final String ROLES = LTI + "roles";
  public static final String CONTEXT = LTI + "context";
  public static final String CUSTOM = LTI + "custom";
  public static final String LAUNCH_PRESENTATION = LTI + "launch_presentation";
  public static final String TOOL_PLATFORM = LTI + "tool_platform";
  public static final String EXT = LTI + "ext";
  public static final String AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
  public static final String NRPS =
      "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
  public static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
  public static final String DL_SETTINGS = DL + "deep_linking_settings";
  public static final String DL_CONTENT_ITEMS = DL + "content_items";
  public static final String DL_DATA = DL + "data";
  public static final String DL_MSG = DL + "msg";

  public static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";
  public static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";
  public static final String DEEP_LINKING_RESPONSE = "LtiDeepLinkingResponse";
  public static final String VERSION_1_3 = "1.3.0";
}
