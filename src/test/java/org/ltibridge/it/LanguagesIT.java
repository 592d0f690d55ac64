package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.FakePlatform;
import org.ltibridge.testsupport.Rfc5849Signer;

/**
 * The students' pages speak the language the launch asked for (LTI 1.1 {@code
 * launch_presentation_locale}, LTI 1.3's launch presentation {@code locale}), from page to page;
 * without one, the browser's {@code Accept-Language}; otherwise English.
 */
class LanguagesIT extends ItBase {

  static final String DEMO_INSTRUCTOR = "demo-instructor@example.edu";

  static FakePlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = FakePlatform.start();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** A placement set up with transcript review on, so that students meet the notice. */
  static String reviewedPlacement(Lms lms) {
    String placement = Lms.newPlacement();
    Http.Res setup = lms.launch(Person.instructor(DEMO_INSTRUCTOR), placement);
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + setup.locationToken()
                    + "&assistant_ids="
                    + db().demoAssistant("Physics Tutor")
                    + "&chat_visibility_enabled=1");
    assertEquals(303, configured.status(), configured.body());
    return placement;
  }

  static Http.Res launch(Lms lms, Person who, String placement, String locale) {
    Map<String, String> params = lms.params(who, placement);
    if (locale != null) {
      params.put("launch_presentation_locale", locale);
    }
    return http().postForm(Lms.UNIFIED, Lms.body(lms.signed(params)), "Accept", "text/html");
  }

  @Test
  void aSpanishLaunchGetsSpanishPagesAllTheWay() {
    Lms lms = lms();
    String placement = reviewedPlacement(lms);
    Http.Res launch = launch(lms, Person.student(), placement, "es_ES");
    assertEquals(303, launch.status(), launch.body());
    assertTrue(launch.location().endsWith("&lang=es"), launch.location());
    // The browser prefers English: the launch's language wins.
    Http.Res consent = http().follow(launch, "Accept-Language", "en-GB,en;q=0.9");
    assertEquals(200, consent.status(), consent.body());
    assertTrue(consent.body().contains(" lang=\"es\"><head"), consent.body());
    assertTrue(consent.body().contains("Antes de empezar: tus conversaciones"), consent.body());
    assertTrue(consent.body().contains("Saltar al contenido"));
    assertFalse(consent.body().contains("Before you start"));

    Http.Res chat =
        http()
            .postForm(
                "/lamb/v1/lti/consent",
                "token=" + launch.locationToken() + "&choice=agree&lang=es");
    assertEquals(303, chat.status(), chat.body());
    assertTrue(chat.location().endsWith("&lang=es"), chat.location());
    // The chat page, its script's words included, and its "Your data" form carry Spanish on.
    Http.Res page = http().follow(chat, "Accept-Language", "en");
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("<html lang=\"es\">"), page.body());
    assertTrue(page.body().contains("Tus conversaciones") && page.body().contains(">Enviar<"));
    assertTrue(page.body().contains("\"copy\":\"Copiar\""), "chat.js's words");
    assertTrue(page.body().contains("name=\"lang\" value=\"es\""), "Your data in Spanish too");

    Http.Res mine =
        http().postForm("/lamb/v1/lti/chat/my-data", "token=" + chat.locationToken() + "&lang=es");
    assertEquals(200, mine.status(), mine.body());
    assertTrue(mine.body().contains("Tus datos en"), mine.body());
    Http.Res withdrawn =
        http()
            .postForm(
                "/lamb/v1/lti/chat/my-data/consent",
                "token=" + chat.locationToken() + "&choice=withdraw&lang=es");
    assertTrue(withdrawn.body().contains("Has retirado tu consentimiento"), withdrawn.body());
  }

  @Test
  void aRefusedSpanishLaunchIsToldInSpanishOnThePageAndInJson() {
    Lms lms = lms();
    long before = db().count("SELECT COUNT(*) FROM lti_activity_users");
    Map<String, String> params = lms.params(Person.student(), Lms.newPlacement());
    params.put("launch_presentation_locale", "es-ES");
    Map<String, String> forged =
        lms.signed(params, KEY, "wrong-secret", Rfc5849Signer.Method.HMAC_SHA1);
    // The launch asked for Spanish: its refusal is in Spanish whatever the browser prefers.
    Http.Res page =
        http()
            .postForm(
                Lms.UNIFIED, Lms.body(forged), "Accept", "text/html", "Accept-Language", "en");
    assertEquals(401, page.status(), page.body());
    assertTrue(page.body().contains(" lang=\"es\"><head"), page.body());
    assertTrue(page.body().contains("No se ha podido verificar este acceso"), page.body());
    assertTrue(page.body().contains("La firma del acceso no coincide"), page.body());
    assertFalse(page.body().contains("does not match"), page.body());

    // An API client's JSON follows Accept-Language (no launch locale here).
    Map<String, String> plain =
        lms.signed(
            lms.params(Person.student(), Lms.newPlacement()),
            KEY,
            "wrong-secret",
            Rfc5849Signer.Method.HMAC_SHA1);
    Http.Res json =
        http()
            .postForm(
                Lms.UNIFIED,
                Lms.body(plain),
                "Accept",
                "application/json",
                "Accept-Language",
                "es-MX,es;q=0.9");
    assertEquals(401, json.status(), json.body());
    JsonObject refusal = Json.createReader(new StringReader(json.body())).readObject();
    assertEquals("No se ha podido verificar este acceso", refusal.getString("error"));
    assertTrue(
        refusal.getString("message").startsWith("La firma del acceso no coincide"), json.body());
    Http.Res english =
        http()
            .postForm(
                Lms.UNIFIED,
                Lms.body(
                    lms.signed(
                        lms.params(Person.student(), Lms.newPlacement()),
                        KEY,
                        "wrong-secret",
                        Rfc5849Signer.Method.HMAC_SHA1)),
                "Accept",
                "application/json");
    assertTrue(english.body().contains("signature does not match"), english.body());
    assertEquals(before, db().count("SELECT COUNT(*) FROM lti_activity_users"), "nothing written");
  }

  @Test
  void aSpanishChatIsToldInSpanishThatNoModelAnswers() throws Exception {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Activities.configure(lms, placement, false); // the demo organisation has no model
    Http.Res launch = launch(lms, Person.student(), placement, "es");
    assertTrue(launch.location().endsWith("&lang=es"), launch.location());
    Http.Res page = http().follow(launch);
    assertTrue(page.body().contains("<html lang=\"es\">"), page.body());
    List<String> events =
        ChatIT.sendIn(
            "es",
            launch.locationToken(),
            "{\"assistantId\": "
                + db().demoAssistant("Physics Tutor")
                + ", \"content\": \"¿Hola?\"}");
    String last = events.get(events.size() - 1);
    assertTrue(last.startsWith("notice:"), events.toString());
    assertTrue(
        last.contains("Este asistente aún no tiene un modelo de lenguaje configurado"),
        events.toString());
    assertFalse(last.contains("No language model"), events.toString());
    // A refusal on the way is in Spanish too.
    List<String> empty =
        ChatIT.sendIn(
            "es",
            launch.locationToken(),
            "{\"assistantId\": " + db().demoAssistant("Physics Tutor") + ", \"content\": \" \"}");
    assertTrue(empty.get(0).startsWith("status:400"), empty.toString());
    assertTrue(empty.get(0).contains("Escribe un mensaje primero."), empty.toString());
  }

  @Test
  void withoutALaunchLocaleTheBrowserChoosesAndAnUnknownOneIsEnglish() {
    Lms lms = lms();
    String placement = reviewedPlacement(lms);
    Http.Res plain = launch(lms, Person.student(), placement, null);
    assertFalse(plain.location().contains("lang="), plain.location());
    Http.Res spanish = http().follow(plain, "Accept-Language", "fr-CH, es;q=0.8, en;q=0.5");
    assertTrue(spanish.body().contains(" lang=\"es\"><head"), spanish.body());

    Http.Res german = launch(lms, Person.student(), placement, "de-DE");
    assertFalse(german.location().contains("lang="), german.location());
    Http.Res english = http().follow(german, "Accept-Language", "de-DE");
    assertTrue(english.body().contains(" lang=\"en\"><head"), english.body());
    assertTrue(english.body().contains("Before you start"), english.body());
  }

  @Test
  void aStudentAtALinkNotSetUpIsToldInTheirLanguage() {
    Http.Res waiting = launch(lms(), Person.student(), Lms.newPlacement(), "es-419");
    assertEquals(200, waiting.status(), waiting.body());
    assertTrue(waiting.body().contains("Aún no está configurado"), waiting.body());
  }

  @Test
  void anLti13LaunchCarriesItsLocaleClaim() {
    Lms13 lms = new Lms13(platform).register();
    String placement = "rl13-lang-" + UUID.randomUUID();
    Http.Res setup = lms.instructor(placement, DEMO_INSTRUCTOR);
    assertEquals(
        303,
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + setup.locationToken()
                    + "&assistant_ids="
                    + db().demoAssistant("Physics Tutor"))
            .status());
    Http.Res student =
        lms.launch(
            placement,
            "s-" + UUID.randomUUID(),
            Lms13.LEARNER,
            b ->
                b.claim(
                    FakePlatform.LTI + "launch_presentation",
                    Map.of("locale", "es-MX", "document_target", "iframe")));
    assertEquals(303, student.status(), student.body());
    assertTrue(student.location().startsWith("/lamb/v1/lti/chat?token="), student.location());
    assertTrue(student.location().endsWith("&lang=es"), student.location());
  }
}
