package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which language a tag names, how a path carries it, and the bundles kept in step. */
public class LanguagesTest {

  static final Path BUNDLES = Path.of("src/main/resources/org/ltibridge/i18n");

  @Test
  void aTagNamesASupportedLanguageWhateverItsRegionOrSeparator() {
    assertEquals(Optional.of("es"), Languages.supported("es"));
    assertEquals(Optional.of("es"), Languages.supported("es-ES"));
    assertEquals(Optional.of("es"), Languages.supported("es_MX"));
    assertEquals(Optional.of("es"), Languages.supported(" ES "));
    assertEquals(Optional.of("en"), Languages.supported("en-GB"));
    assertEquals(Optional.empty(), Languages.supported("fr-FR"));
    assertEquals(Optional.empty(), Languages.supported(""));
    assertEquals(Optional.empty(), Languages.supported(null));
    assertEquals(Optional.empty(), Languages.supported("es;<script>"));
  }

  @Test
  void theBrowsersFirstSupportedPreferenceWins() {
    assertEquals(
        Optional.of("es"),
        Languages.preferred(
            List.of(Locale.FRENCH, Locale.forLanguageTag("es-AR"), Locale.ENGLISH)));
    assertEquals(Optional.empty(), Languages.preferred(List.of(Locale.GERMAN)));
  }

  @Test
  void aPathCarriesOnlyASupportedLanguage() {
    assertEquals("/p?token=x&lang=es", Languages.carry("/p?token=x", Optional.of("es-ES")));
    assertEquals("/p?lang=en", Languages.carry("/p", Optional.of("en")));
    assertEquals("/p?token=x", Languages.carry("/p?token=x", Optional.of("de")));
    assertEquals("/p?token=x", Languages.carry("/p?token=x", Optional.empty()));
  }

  @Test
  void everyLanguageHasEveryMessageAndEveryPageKeyExists() throws IOException {
    Properties english = bundle("messages.properties");
    Properties spanish = bundle("messages_es.properties");
    assertEquals(
        new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(spanish.stringPropertyNames()));
    Set<String> used = new TreeSet<>();
    Pattern key = Pattern.compile("msg\\['([a-zA-Z0-9.]+)'\\]");
    try (Stream<Path> pages = Files.walk(Path.of("src/main/webapp"))) {
      for (Path page : pages.filter(p -> p.toString().endsWith(".xhtml")).toList()) {
        Matcher m = key.matcher(Files.readString(page));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    used.removeAll(english.stringPropertyNames());
    assertEquals(Set.of(), used, "keys the pages use that the bundle lacks");
  }

  @Test
  void everyProblemTextIsInBothLanguagesWithTheSameArgumentsAndEveryKeyUsedExists()
      throws IOException {
    Properties english = assertInStep("problems");
    Set<String> used = new TreeSet<>();
    Pattern text = Pattern.compile("Problem\\.text\\(\\s*\"([a-zA-Z0-9.]+)\"");
    Pattern notice = Pattern.compile("[A-Z_]+\\(\"([a-zA-Z0-9.]+)\"\\)");
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        String code = Files.readString(source);
        Matcher m = text.matcher(code);
        while (m.find()) {
          used.add(m.group(1));
        }
        if (source.endsWith("Availability.java")) {
          Matcher n = notice.matcher(code);
          while (n.find()) {
            used.add(n.group(1));
          }
        }
      }
    }
    assertTrue(used.size() > 200, "the scan finds the keys: " + used.size());
    used.removeAll(english.stringPropertyNames());
    assertEquals(Set.of(), used, "keys the code uses that the problems bundle lacks");
  }

  @Test
  void aProblemReadsInTheReadersLanguageAndLogsInEnglish() {
    Problem refused =
        Problem.unauthorized(Problem.text("lti11.OAuth1Verifier.stale", 300L)).because("stale");
    assertTrue(refused.getMessage().startsWith("The launch is too old"), refused.getMessage());
    assertTrue(refused.getMessage().contains("more than 300 seconds"), refused.getMessage());
    assertEquals(refused.getMessage(), refused.detail("en"));
    assertEquals("This launch could not be verified", refused.title());
    assertEquals("No se ha podido verificar este acceso", refused.title("es"));
    assertTrue(refused.detail("es").startsWith("El acceso es demasiado antiguo"));
    assertTrue(refused.detail("es").contains("más de 300 segundos"), refused.detail("es"));
    assertEquals(
        "Una clave de consumidor tiene de 3 a 200 caracteres: letras, dígitos, '.', '_' y '-'.",
        Problem.text("admin.CreatorLtiAdmin.key").in("es"));
    assertEquals(
        "Messages are limited to 8000 characters.",
        Problem.text("chat.ChatService.tooLong", 8000).english(),
        "whole numbers are written plainly");
    Problem english = new Problem(400, "invalid_request", "For software.");
    assertEquals("For software.", english.detail("es"));
    assertEquals("invalid_request", english.title("es"));
  }

  private static Set<String> arguments(Pattern argument, String pattern) {
    Set<String> found = new TreeSet<>();
    Matcher m = argument.matcher(pattern);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /**
   * The bundle {@code name} (its English base) after checking that its Spanish has the same keys,
   * that its English file is empty (English is the base) and that every text of both is a
   * MessageFormat pattern (an apostrophe written {@code ''}) with the same arguments.
   */
  public static Properties assertInStep(String name) throws IOException {
    Properties english = bundle(name + ".properties");
    Properties spanish = bundle(name + "_es.properties");
    assertEquals(
        new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(spanish.stringPropertyNames()));
    assertEquals(0, bundle(name + "_en.properties").size(), "English is the base bundle");
    Pattern argument = Pattern.compile("\\{(\\d+)[^}]*\\}");
    for (String k : english.stringPropertyNames()) {
      for (Properties language : List.of(english, spanish)) {
        String pattern = language.getProperty(k);
        // Every text is a MessageFormat pattern: a lone apostrophe would vanish from it.
        assertEquals(
            -1,
            pattern.replace("''", "").replaceAll("'[{}]'", "").indexOf('\''),
            k + ": write an apostrophe as ''");
        new java.text.MessageFormat(pattern); // parses
      }
      assertEquals(
          arguments(argument, english.getProperty(k)),
          arguments(argument, spanish.getProperty(k)),
          k + ": the same arguments in both languages");
    }
    return english;
  }

  static Properties bundle(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(BUNDLES.resolve(name))) {
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    return p;
  }
}
