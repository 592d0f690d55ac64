package org.ltibridge.lti13.platform.control;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The service scopes a tool may be granted (AGS 2.0 §3.1, NRPS 2.0 §3.6.1). */
public final class Scopes {

  public static final String LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
  public static final String LINEITEM_READONLY =
      "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
  public static final String RESULT_READONLY =
      "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
  public static final String SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
  public static final String MEMBERSHIP =
      "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

  public static final List<String> ALL =
      List.of(LINEITEM, LINEITEM_READONLY, RESULT_READONLY, SCORE, MEMBERSHIP);

  public static final List<String> AGS =
      List.of(LINEITEM, LINEITEM_READONLY, RESULT_READONLY, SCORE);

  private Scopes() {}

  /** A space-separated scope string as a set (RFC 6749 §3.3). */
  public static Set<String> parse(String scope) {
    if (scope == null) {
      return Set.of();
    }
    return Arrays.stream(scope.trim().split("\\s+"))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public static String join(Set<String> scopes) {
    return String.join(" ", scopes);
  }
}
