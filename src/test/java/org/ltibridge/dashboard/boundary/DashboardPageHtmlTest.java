package org.ltibridge.dashboard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.ltibridge.activity.control.Configuration;
import org.ltibridge.activity.control.PageModels;
import org.ltibridge.chat.control.ChatStatistics;
import org.ltibridge.dashboard.control.Dashboard;
import org.ltibridge.dashboard.control.DashboardPage;
import org.ltibridge.dashboard.control.UsageCharts;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The dashboard page as written without JSF: well formed, every id once and every label's control
 * there, whatever a person typed escaped, the owner's parts only for the owner, and the pagers'
 * buttons disabled where there is no page to turn to.
 */
class DashboardPageHtmlTest {

  static final String HOSTILE = "<script>x</script>\"'&";
  static final LocalDate DAY = LocalDate.of(2026, 11, 30);
  static final LocalDateTime AT = LocalDateTime.of(2026, 12, 1, 9, 5, 7, 123_000_000);

  static DashboardPage model(
      boolean owner, boolean review, long students, Configuration.IdentityChoice identity) {
    var assistants = List.of(new Dashboard.AssistantStats(7, "Tutor " + HOSTILE, 3, 12));
    var stats = new Dashboard.Stats(students, 3, 12, 1, assistants);
    var rows =
        students == 0
            ? List.<Dashboard.StudentRow>of()
            : List.of(new Dashboard.StudentRow("Blue Owl", "Ada " + HOSTILE, AT, AT, 2, 3, 12));
    var usage =
        new Dashboard.Usage(
            DAY,
            DAY.plusDays(1),
            List.of(new ChatStatistics.Day(DAY, 1, 3, 12)),
            List.of(new Dashboard.AssistantUsage(7, "Tutor " + HOSTILE, 3, 12, List.of())));
    return new DashboardPage(
        "tok\"en",
        "Essay " + HOSTILE,
        "Course " + HOSTILE,
        "Physics " + HOSTILE,
        "Owner " + HOSTILE,
        "30 Nov 2026",
        owner,
        review,
        stats,
        new Dashboard.Slice<>(rows, students, 1, 20, (students + 19) / 20),
        review
            ? new Dashboard.Slice<>(
                List.of(new Dashboard.ChatRow(5, "Blue Owl", null, "Tutor", HOSTILE, 12, AT)),
                1,
                1,
                20,
                1)
            : null,
        UsageCharts.of(usage, ResourceBundle.getBundle("org.ltibridge.i18n.messages", Locale.ROOT)),
        List.of(new PageModels.Choice(7, "Tutor " + HOSTILE, "d", 1, true)),
        Set.of(7L),
        List.of(new PageModels.Instructor("grace@example.edu", "Grace " + HOSTILE)),
        identity);
  }

  static final Configuration.IdentityChoice PSEUDONYMOUS =
      new Configuration.IdentityChoice("pseudonymous", true, false);

  static String page(DashboardPage model, String language) {
    return new String(DashboardPageHtml.render("/app", model, language), StandardCharsets.UTF_8);
  }

  /** The page as XML (its DOCTYPE taken off): it must be well formed to parse. */
  static Document parse(String page) throws Exception {
    String xml = page.substring(page.indexOf("<html"));
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static Element byId(Document doc, String id) {
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id"))) {
        return e;
      }
    }
    return null;
  }

  @Test
  void wellFormedWithUniqueIdsAndEveryLabelsControl() throws Exception {
    for (boolean owner : new boolean[] {true, false}) {
      for (boolean review : new boolean[] {true, false}) {
        Document doc = parse(page(model(owner, review, 1, PSEUDONYMOUS), "en"));
        NodeList all = doc.getElementsByTagName("*");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < all.getLength(); i++) {
          String id = ((Element) all.item(i)).getAttribute("id");
          assertTrue(id.isEmpty() || ids.add(id), "id used twice: " + id);
        }
        NodeList labels = doc.getElementsByTagName("label");
        for (int i = 0; i < labels.getLength(); i++) {
          String target = ((Element) labels.item(i)).getAttribute("for");
          assertTrue(ids.contains(target), "a label for a missing control: " + target);
        }
      }
    }
  }

  @Test
  void whatPeopleTypedIsEscapedEverywhere() throws Exception {
    String page = page(model(true, true, 1, PSEUDONYMOUS), "en");
    assertFalse(page.contains("<script>x"), "no markup from a person gets through");
    Document doc = parse(page);
    assertEquals("Essay " + HOSTILE, byId(doc, "dash-title").getTextContent());
    assertEquals("Essay " + HOSTILE, byId(doc, "activity_name").getAttribute("value"));
    assertEquals("tok\"en", byId(doc, "dashboard").getAttribute("data-token"));
    assertTrue(page.contains("<title>Dashboard · LTI Bridge</title>"), page);
    String rows = byId(doc, "students-rows").getTextContent();
    assertTrue(rows.contains("Blue Owl (Ada " + HOSTILE + ")"), rows);
    assertTrue(rows.contains("2026-12-01 09:05:07"), "to the second, no fraction: " + rows);
    assertTrue(byId(doc, "chats-rows").getTextContent().contains(HOSTILE));
    assertTrue(byId(doc, "new-owner").getTextContent().contains("Grace " + HOSTILE));
    assertTrue(
        byId(doc, "filter-assistant").getTextContent().contains("Tutor " + HOSTILE),
        "the filter offers the assistant by its name");
  }

  @Test
  void theOwnersPartsOnlyForTheOwner() throws Exception {
    Document owner = parse(page(model(true, true, 1, PSEUDONYMOUS), "en"));
    assertNotNull(byId(owner, "manage-form"));
    assertNotNull(byId(owner, "handover-form"));
    assertNotNull(byId(owner, "manage-link"));
    assertEquals("checked", byId(owner, "m-assistant-7").getAttribute("checked"));
    Document colleague = parse(page(model(false, true, 1, PSEUDONYMOUS), "en"));
    assertNull(byId(colleague, "manage"));
    assertNull(byId(colleague, "handover"));
    assertNull(byId(colleague, "manage-link"));
    assertNotNull(byId(colleague, "open-chat"), "every instructor may open the chat");
  }

  @Test
  void reviewOffShowsWhyAndNoChats() throws Exception {
    Document doc = parse(page(model(true, false, 1, PSEUDONYMOUS), "en"));
    assertNotNull(byId(doc, "review-off"));
    assertNull(byId(doc, "chats"));
    assertNull(byId(doc, "chat-filter"));
    assertNotNull(byId(doc, "download-status"));
  }

  @Test
  void pagersDisabledWhereThereIsNoPageToTurnTo() throws Exception {
    Document one = parse(page(model(true, true, 1, PSEUDONYMOUS), "en"));
    assertEquals("disabled", byId(one, "students-prev").getAttribute("disabled"));
    assertEquals("disabled", byId(one, "students-next").getAttribute("disabled"));
    assertEquals("Students 1\u20131 of 1", byId(one, "students-status").getTextContent());
    Document many = parse(page(model(true, true, 45, PSEUDONYMOUS), "en"));
    assertFalse(byId(many, "students-next").hasAttribute("disabled"), "45 students: 3 pages");
    assertEquals(
        "3",
        byId(many, "students-status")
            .getParentNode()
            .getAttributes()
            .getNamedItem("data-pages")
            .getNodeValue());
    Document none = parse(page(model(true, true, 0, PSEUDONYMOUS), "en"));
    assertNotNull(byId(none, "students-rows"));
    assertEquals(0, byId(none, "students-rows").getChildNodes().getLength());
  }

  @Test
  void namesTheOrganisationNoLongerAllowsStayVisibleButCannotBeChosen() throws Exception {
    var named = new Configuration.IdentityChoice("named", false, false);
    Document doc = parse(page(model(true, true, 1, named), "en"));
    assertEquals("checked", byId(doc, "m-named").getAttribute("checked"));
    assertEquals("disabled", byId(doc, "m-named").getAttribute("disabled"));
    assertFalse(byId(doc, "m-pseudonymous").hasAttribute("checked"));
    assertTrue(
        byId(doc, "identity-policy")
            .getTextContent()
            .contains("Physics " + HOSTILE + " does not allow names now"));
    var neither = new Configuration.IdentityChoice("pseudonymous", false, false);
    assertNull(byId(parse(page(model(true, true, 1, neither), "en")), "identity-policy"));
  }

  @Test
  void spanishPageSpeaksSpanish() throws Exception {
    String es = page(model(true, true, 1, PSEUDONYMOUS), "es");
    assertTrue(es.startsWith("<!DOCTYPE html>\n<html lang=\"es\"><head>"), es);
    assertTrue(es.contains("Saltar al contenido"));
    assertTrue(es.contains("<input type=\"hidden\" name=\"lang\" value=\"es\" />"));
    assertEquals("es", byId(parse(es), "dashboard").getAttribute("data-lang"));
    String en = page(model(true, true, 1, PSEUDONYMOUS), "en");
    String openChat = byId(parse(en), "open-chat").getTextContent();
    assertFalse(es.contains(">" + openChat + "<"), "no English button left: " + openChat);
  }
}
