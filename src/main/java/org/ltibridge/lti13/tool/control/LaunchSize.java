package org.ltibridge.lti13.tool.control;

import org.ltibridge.system.control.Problem;

/**
 * The one bound on the size of an LTI 1.3 launch, checked before anything of it is parsed, by the
 * quick way ({@code Lti13LaunchFilter}) and the full way ({@code Lti13Resource}) alike: a larger
 * id_token or launch form is refused with 413 and nothing is read further, verified or written.
 *
 * <p>Why 16 KB for the id_token: RFC 7519 (JWT) and RFC 7515 (JWS compact serialisation) set no
 * maximum, so the bound is ours. An LTI 1.3 id_token (1EdTech LTI Core 1.3 §5.3 and §5.4: the
 * message claims, context, resource link, roles, launch presentation, custom parameters, plus the
 * Assignment and Grade Services and Names and Role Provisioning Services endpoint claims) signed
 * with RS256 is a few kilobytes on real platforms; 16 KB leaves several times that for generous
 * custom parameters while keeping a signature check, a JSON parse and the claims we keep from being
 * spent on an arbitrarily large token. The form (the OIDC form post of the 1EdTech Security
 * Framework 1.0 §5.1.1.3: {@code id_token}, {@code state}, maybe {@code lti_storage_binding} or an
 * error) adds at most a few hundred bytes to the token; 8 KB of headroom covers it.
 */
public final class LaunchSize {

  /** Characters of an id_token (its compact JWS form is ASCII: one character, one byte). */
  public static final int MAX_ID_TOKEN = 16 * 1024;

  /** Bytes of the launch form ({@code application/x-www-form-urlencoded}). */
  public static final long MAX_FORM = MAX_ID_TOKEN + 8 * 1024;

  static final Problem.Text ERROR_ID_TOKEN =
      Problem.text("lti13.tool.LaunchSize.idToken").with(0, MAX_ID_TOKEN / 1024);
  static final Problem.Text ERROR_FORM =
      Problem.text("lti13.tool.LaunchSize.form").with(0, MAX_FORM / 1024);

  private LaunchSize() {}

  /** Whether a launch form of this declared length ({@code -1}: not declared) is too large. */
  public static boolean formTooLarge(long contentLength) {
    return contentLength > MAX_FORM;
  }

  /**
   * Refuses (413) a launch whose form, by its declared length, or whose id_token is too large. A
   * null id_token passes: its absence is refused where it is read.
   */
  public static void require(long contentLength, String idToken) {
    if (formTooLarge(contentLength)) {
      throw Problem.tooLarge(
          Problem.text(ERROR_FORM.key(), kilobytes(contentLength), MAX_FORM / 1024));
    }
    if (idToken != null && idToken.length() > MAX_ID_TOKEN) {
      throw Problem.tooLarge(
          Problem.text(ERROR_ID_TOKEN.key(), kilobytes(idToken.length()), MAX_ID_TOKEN / 1024));
    }
  }

  private static long kilobytes(long bytes) {
    return (bytes + 1023) / 1024;
  }
}
