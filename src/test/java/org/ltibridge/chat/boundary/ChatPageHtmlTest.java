package org.ltibridge.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ltibridge.chat.control.ChatService;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Languages;

/** The chat page in each language, and the words its script needs sent with it. */
class ChatPageHtmlTest {

  static final ChatService.ChatView VIEW =
      new ChatService.ChatView(
          "Física <1>",
          List.of(new ChatService.AssistantView(7, "Tutor", "d", true, "Be kind")),
          List.of(new ChatService.ConversationView(3, 7, "Tutor", "Hola", "2026-12-03")),
          Optional.of(7L));

  static String page(String language) {
    return new String(ChatPageHtml.render("/app", "tok", VIEW, language), StandardCharsets.UTF_8);
  }

  static JsonObject scriptStrings(String page) {
    Matcher m =
        Pattern.compile("<script type=\"application/json\" id=\"chat-strings\">(.*?)</script>")
            .matcher(page);
    assertTrue(m.find(), "the page carries its script's words");
    return Json.createReader(new StringReader(m.group(1))).readObject();
  }

  @Test
  void spanishPageSpeaksSpanishAndAsksForYourDataInSpanish() {
    String es = page("es");
    assertTrue(es.startsWith("<!DOCTYPE html>\n<html lang=\"es\"><head>"), es);
    for (String words :
        List.of(
            "Saltar al contenido",
            "Tus conversaciones",
            ">Enviar</button>",
            ">Detener</button>",
            "Nueva conversación",
            "Lo que se le indicó a este asistente: Tutor",
            "Gestionar este enlace",
            "placeholder=\"Pregunta al asistente…\"")) {
      assertTrue(es.contains(words), words);
    }
    assertTrue(es.contains("<input type=\"hidden\" name=\"lang\" value=\"es\" />"), es);
    assertFalse(es.contains(">Send<"), "no English left");
    assertEquals("Copiar", scriptStrings(es).getString("copy"));
    assertEquals("Física &lt;1&gt;", between(es, "<span class=\"bar-title\">", "</span>"));
  }

  @Test
  void englishPageIsAsBefore() {
    String en = page("en");
    assertTrue(en.startsWith("<!DOCTYPE html>\n<html lang=\"en\"><head>"), en);
    assertTrue(en.contains(">Send</button>"));
    assertTrue(
        en.contains("data-no-model=\"" + ChatService.NO_MODEL.english() + "\""),
        "as the reply says");
    assertEquals("Copy", scriptStrings(en).getString("copy"));
  }

  /** Every word chat.js asks for is sent with the page, in every language. */
  @Test
  void everyWordTheScriptUsesIsSentInEveryLanguage() throws IOException {
    String script = Files.readString(Path.of("src/main/webapp/resources/ltibridge/chat.js"));
    Set<String> used = new TreeSet<>();
    Matcher m = Pattern.compile("strings(?:\\.(\\w+)|\\['([\\w.]+)'\\])").matcher(script);
    while (m.find()) {
      used.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    used.add("ordinal.other"); // the rule's name is computed: "other" always exists
    assertTrue(used.size() > 8, "names found in chat.js: " + used);
    for (String language : Languages.SUPPORTED) {
      Set<String> sent = scriptStrings(page(language)).keySet();
      Set<String> missing = new TreeSet<>(used);
      missing.removeAll(sent);
      assertEquals(Set.of(), missing, language + ": words chat.js needs that the page lacks");
    }
    assertEquals(
        scriptStrings(page("en")).keySet(),
        scriptStrings(page("es")).keySet(),
        "the same words in both languages");
  }

  @Test
  void noWordCanCloseTheScriptElement() {
    ResourceBundle hostile =
        new ListResourceBundle() {
          @Override
          protected Object[][] getContents() {
            return new Object[][] {{"chat.js.copy", "</script><script>alert(1)</script>"}};
          }
        };
    String json = ChatPageHtml.scriptStrings(hostile);
    assertFalse(json.contains("<"), json);
    assertEquals(
        "</script><script>alert(1)</script>",
        Json.createReader(new StringReader(json)).readObject().getString("copy"));
  }

  @Test
  void theBundleHasTheChatsWordsInBothLanguages() {
    assertEquals(
        "Copy", RequestLanguage.messages("en").getString(ChatPageHtml.SCRIPT_KEYS + "copy"));
    assertEquals(
        "Copiar", RequestLanguage.messages("es").getString(ChatPageHtml.SCRIPT_KEYS + "copy"));
  }

  static String between(String s, String from, String to) {
    int start = s.indexOf(from) + from.length();
    return s.substring(start, s.indexOf(to, start));
  }
}
