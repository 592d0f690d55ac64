package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Which language a tag names, how a path carries it, and the two bundles kept in step. */
class LanguagesTest {

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

  static Properties bundle(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(BUNDLES.resolve(name))) {
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    return p;
  }
}
