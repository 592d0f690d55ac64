package org.ltibridge.lti13.tool.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LtiClaims;
import org.ltibridge.launch.entity.LtiVersion;
import org.ltibridge.launch.entity.Roles;
import org.ltibridge.lti13.tool.entity.PlatformEndpoints;
import org.ltibridge.lti13.tool.entity.RegistrationStatus;
import org.ltibridge.system.control.Problem;

class Lti13MessagesTest {

  static final String LTI = LtiClaims.LTI;
  static final RegisteredPlatform PLATFORM =
      new RegisteredPlatform(
          1,
          1,
          new PlatformEndpoints(
              "https://lms.example.edu",
              "client-1",
              "https://lms.example.edu/auth",
              null,
              null,
              "https://lms.example.edu/jwks"),
          RegistrationStatus.ENABLED,
          Set.of("dep-1"));

  static JWTClaimsSet.Builder valid() {
    return new JWTClaimsSet.Builder()
        .issuer("https://lms.example.edu")
        .audience("client-1")
        .subject("user-7")
        .claim(LTI + "message_type", "LtiResourceLinkRequest")
        .claim(LTI + "version", "1.3.0")
        .claim(LTI + "deployment_id", "dep-1")
        .claim(LTI + "target_link_uri", "https://bridge.example.edu/lamb/v1/lti/launch")
        .claim(LTI + "resource_link", Map.of("id", "rl-1", "title", "Helpers"))
        .claim(LTI + "roles", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"))
        .claim(LTI + "context", Map.of("id", "c-1", "title", "Physics"))
        .claim(LTI + "custom", Map.of("ltibridge_activity", "ref", "n", 3))
        .claim(LTI + "ext", Map.of("user_username", "sam"))
        .claim(
            "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
            Map.of("scope", List.of("s1"), "lineitems", "https://lms.example.edu/li"));
  }

  @Test
  void aResourceLinkLaunchBecomesALaunch() {
    JWTClaimsSet c = valid().build();
    assertEquals("LtiResourceLinkRequest", Lti13Messages.check(c, PLATFORM));
    Launch l = Lti13Messages.toLaunch(c, PLATFORM);
    assertEquals(LtiVersion.LTI_1_3, l.version());
    assertEquals("lti13|https://lms.example.edu|client-1|dep-1", l.platform().value());
    assertEquals("rl-1", l.resourceLink().value());
    assertEquals("user-7", l.user().id());
    assertEquals(Optional.empty(), l.user().email());
    assertEquals(Optional.of("sam"), l.user().username());
    assertTrue(l.roles().isLearner());
    assertEquals("3", l.custom().get("n"));
    assertEquals("/lamb/v1/lti/launch", l.target().getPath());
    assertTrue(l.services().grades().isPresent());
  }

  @Test
  void simpleRoleNamesAndUrnsInTheRolesClaimAreReadAsInLti11() {
    // Issue #15: some platforms and the 1EdTech certification suite send "Instructor".
    for (String instructor : List.of("Instructor", "urn:lti:role:ims/lis/Instructor")) {
      Launch l =
          Lti13Messages.toLaunch(
              valid().claim(LTI + "roles", List.of(instructor)).build(), PLATFORM);
      assertTrue(l.roles().isInstructor(), instructor);
      assertEquals(Set.of(Roles.INSTRUCTOR), l.roles().uris());
    }
    Launch learner =
        Lti13Messages.toLaunch(valid().claim(LTI + "roles", List.of("Learner")).build(), PLATFORM);
    assertEquals(Set.of(Roles.LEARNER), learner.roles().uris());
  }

  @Test
  void missingOrWrongClaimsAreRefusedWithTheirStatus() {
    assertEquals(400, status(valid().claim(LTI + "roles", null)));
    assertEquals(400, status(valid().claim(LTI + "roles", "Learner")));
    assertEquals(400, status(valid().claim(LTI + "version", "1.1")));
    assertEquals(400, status(valid().claim(LTI + "message_type", null)));
    assertEquals(403, status(valid().claim(LTI + "deployment_id", "dep-2")));
    assertEquals(400, status(valid().claim(LTI + "resource_link", Map.of())));
    assertEquals(400, status(valid().claim(LTI + "target_link_uri", "not a uri")));
    assertEquals(400, status(valid().subject(" ")));
    assertEquals(
        400,
        status(valid().claim(LTI + "message_type", "LtiDeepLinkingRequest")),
        "deep linking needs its settings");
  }

  @Test
  void aDeepLinkingRequestNeedsNoResourceLink() {
    JWTClaimsSet c =
        valid()
            .claim(LTI + "message_type", "LtiDeepLinkingRequest")
            .claim(LTI + "resource_link", null)
            .claim(
                LtiClaims.DL_SETTINGS,
                Map.of(
                    "deep_link_return_url", "https://lms.example.edu/dl", "accept_multiple", false))
            .build();
    assertEquals("LtiDeepLinkingRequest", Lti13Messages.check(c, PLATFORM));
    Lti13Messages.DeepLinkingRequest r = Lti13Messages.toDeepLinking(c, PLATFORM);
    assertEquals("https://lms.example.edu/dl", r.returnUrl().toString());
    assertEquals(false, r.acceptMultiple());

    JWTClaimsSet files =
        valid()
            .claim(LTI + "message_type", "LtiDeepLinkingRequest")
            .claim(
                LtiClaims.DL_SETTINGS,
                Map.of(
                    "deep_link_return_url",
                    "https://lms.example.edu/dl",
                    "accept_types",
                    List.of("file", "html")))
            .build();
    assertEquals(
        400, assertThrows(Problem.class, () -> Lti13Messages.check(files, PLATFORM)).status());
  }

  static int status(JWTClaimsSet.Builder b) {
    JWTClaimsSet c = b.build();
    return assertThrows(Problem.class, () -> Lti13Messages.check(c, PLATFORM)).status();
  }
}
