package org.ltibridge.dashboard.boundary;

import java.text.MessageFormat;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.ltibridge.activity.control.PageModels;
import org.ltibridge.chat.control.ChatStatistics;
import org.ltibridge.dashboard.control.Dashboard;
import org.ltibridge.dashboard.control.DashboardPage;
import org.ltibridge.dashboard.control.UsageCharts;
import org.ltibridge.system.boundary.Html;
import org.ltibridge.system.boundary.LtiPageHtml;
import org.ltibridge.system.boundary.MarkdownRendering;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Languages;

/**
 * The instructor's dashboard page (LAMB lti_landscape.md §10.3), written directly rather than by
 * JSF, as the chat page is. Every instructor's launch lands on it, and rendering the Facelets view
 * (building the view, its expressions) took 58 % of the page's server CPU in a profile of the class
 * mix (bench/README.md); the page has no JSF component and no postback: its forms post to {@code
 * lti/enter-chat} and {@code lti/reconfigure}, and its script (dashboard.js) pages the lists and
 * reads transcripts through {@link DashboardResource}'s JSON API.
 *
 * <p>Its words come from the LTI pages' bundle in the request's language; the words dashboard.js
 * shows travel in {@code data-s-*} attributes of {@code #dashboard}. Whatever comes from a person
 * (names, titles, the LMS's course title) is escaped ({@link Html#escape}); the usage charts are
 * SVG drawn by {@link UsageCharts}, which escapes their text itself.
 */
final class DashboardPageHtml {

  private static final List<String> SCRIPTS =
      Stream.concat(MarkdownRendering.SCRIPTS.stream(), Stream.of("dashboard.js?ln=ltibridge"))
          .toList();

  private final StringBuilder html;
  private final ResourceBundle words;
  private final Locale locale;
  private final DashboardPage model;

  private DashboardPageHtml(
      StringBuilder html, ResourceBundle words, String language, DashboardPage model) {
    this.html = html;
    this.words = words;
    this.locale = Locale.forLanguageTag(language);
    this.model = model;
  }

  /**
   * @param contextPath the application's, for links and forms
   * @param model what the page shows
   * @param language one of {@link Languages#SUPPORTED}, from {@link RequestLanguage#of}
   */
  static byte[] render(String contextPath, DashboardPage model, String language) {
    ResourceBundle words = RequestLanguage.messages(language);
    StringBuilder html =
        LtiPageHtml.open(
            contextPath,
            language,
            words,
            words.getString("dashboard.title"),
            model.activityName(),
            MarkdownRendering.STYLES);
    var page = new DashboardPageHtml(html, words, language, model);
    page.open(contextPath, language);
    page.summary();
    page.assistants();
    page.usage();
    page.students();
    page.chats();
    if (model.owner()) {
      page.manage(contextPath, language);
      page.handover();
    }
    html.append("</div>\n");
    LtiPageHtml.scripts(html, contextPath, SCRIPTS);
    return LtiPageHtml.close(html);
  }

  /** {@code #dashboard} with what dashboard.js needs, and the heading card with its actions. */
  private void open(String contextPath, String language) {
    html.append("<div id=\"dashboard\" data-token=\"")
        .append(Html.escape(model.token()))
        .append("\" data-base=\"")
        .append(Html.escape(contextPath))
        .append("\" data-lang=\"")
        .append(Html.escape(language))
        .append('"');
    for (String[] s :
        new String[][] {
          {"students-none", "dashboard.students.none"},
          {"students-empty-page", "dashboard.students.emptyPage"},
          {"students-range", "dashboard.students.range"},
          {"chats-none", "dashboard.chats.none"},
          {"chats-empty-page", "dashboard.chats.emptyPage"},
          {"chats-range", "dashboard.chats.range"},
          {"untitled", "dashboard.chats.untitled"},
          {"transcript", "dashboard.js.transcript"},
          {"downloaded", "dashboard.js.downloaded"},
          {"confirm-handover", "dashboard.js.confirmHandover"},
          {"handed-over", "dashboard.js.handedOver"}
        }) {
      html.append(" data-s-").append(s[0]).append("=\"").append(text(s[1])).append('"');
    }
    html.append(">\n<section class=\"card\" aria-labelledby=\"dash-title\">")
        .append("<h1 id=\"dash-title\">")
        .append(Html.escape(model.activityName()))
        .append("</h1><p class=\"muted\">")
        .append(
            format(
                "dashboard.meta",
                model.contextTitle(),
                model.organizationName(),
                model.ownerName(),
                model.createdAt()))
        .append("</p><div class=\"actions\">");
    hiddenTokenForm(contextPath, "/lamb/v1/lti/enter-chat", null, language);
    html.append("<button type=\"submit\" class=\"primary\" id=\"open-chat\">")
        .append(text("dashboard.openChat"))
        .append("</button></form>");
    if (model.owner()) {
      html.append("<a href=\"#manage\" class=\"button\" id=\"manage-link\">")
          .append(text("dashboard.manage"))
          .append("</a>");
    }
    html.append("</div></section>\n");
  }

  /** The four figures. */
  private void summary() {
    Dashboard.Stats stats = model.stats();
    html.append("<section class=\"stats\" aria-label=\"")
        .append(text("dashboard.summary"))
        .append("\">");
    stat("stat-students", stats.students(), "dashboard.stat.students");
    stat("stat-chats", stats.chats(), "dashboard.stat.chats");
    stat("stat-messages", stats.messages(), "dashboard.stat.messages");
    stat("stat-active", stats.activeUsers7d(), "dashboard.stat.active");
    html.append("</section>\n");
  }

  private void stat(String id, long n, String key) {
    html.append("<div class=\"stat\"><span class=\"n\" id=\"")
        .append(id)
        .append("\">")
        .append(n)
        .append("</span><span>")
        .append(text(key))
        .append("</span></div>");
  }

  /** The activity's assistants with their chats and messages. */
  private void assistants() {
    List<Dashboard.AssistantStats> assistants = model.stats().assistants();
    html.append("<section class=\"card\" aria-labelledby=\"assistants-title\">")
        .append("<h2 id=\"assistants-title\">")
        .append(text("dashboard.assistants"))
        .append("</h2>");
    if (assistants.isEmpty()) {
      html.append("<p class=\"muted\" id=\"assistants-none\">")
          .append(text("dashboard.assistants.none"))
          .append("</p>");
    } else {
      html.append("<table class=\"data\" id=\"assistants\" aria-labelledby=\"assistants-title\">");
      head("dashboard.col.assistant", "dashboard.col.chats", "dashboard.col.messages");
      html.append("<tbody>");
      for (Dashboard.AssistantStats a : assistants) {
        row(a.name(), a.chats(), a.messages());
      }
      html.append("</tbody></table>");
    }
    html.append("</section>\n");
  }

  /** Day by day and per assistant: the charts, and the tables that say the same in figures. */
  private void usage() {
    UsageCharts usage = model.usage();
    html.append("<section class=\"card\" aria-labelledby=\"usage-title\" id=\"usage\">")
        .append("<h2 id=\"usage-title\">")
        .append(text("dashboard.usage"))
        .append("</h2><p class=\"muted\">")
        .append(format("dashboard.usage.explained", usage.usage().from(), usage.usage().to()))
        .append("</p>");
    List<ChatStatistics.Day> days = usage.usedDays();
    if (days.isEmpty()) {
      html.append("<p class=\"muted\" id=\"usage-none\">")
          .append(text("dashboard.usage.none"))
          .append("</p>");
    } else {
      html.append("<div class=\"charts\">");
      figure("dashboard.chart.students", usage.students());
      figure("dashboard.chart.chats", usage.chats());
      figure("dashboard.chart.messages", usage.messages());
      html.append("</div><div class=\"table-scroll\" tabindex=\"0\" role=\"region\"")
          .append(
              " aria-labelledby=\"usage-days-caption\"><table class=\"data\" id=\"usage-days\">")
          .append("<caption id=\"usage-days-caption\">")
          .append(text("dashboard.usage.days"))
          .append("</caption>");
      head(
          "dashboard.col.day",
          "dashboard.col.studentsActive",
          "dashboard.col.begun",
          "dashboard.col.messages");
      html.append("<tbody>");
      for (ChatStatistics.Day d : days) {
        row(d.day().toString(), d.students(), d.chats(), d.messages());
      }
      html.append("</tbody></table><p class=\"muted\">")
          .append(text("dashboard.usage.unlisted"))
          .append("</p></div><div class=\"charts\">");
      figure("dashboard.chart.assistantChats", usage.assistantChats());
      figure("dashboard.chart.assistantMessages", usage.assistantMessages());
      html.append("</div><table class=\"data\" id=\"usage-assistants\"><caption>")
          .append(text("dashboard.usage.assistants"))
          .append("</caption>");
      head("dashboard.col.assistant", "dashboard.col.chats", "dashboard.col.messages");
      html.append("<tbody>");
      for (Dashboard.AssistantUsage a : usage.usage().assistants()) {
        row(a.name(), a.chats(), a.messages());
      }
      html.append("</tbody></table>");
    }
    html.append("</section>\n");
  }

  /** A chart drawn by {@link UsageCharts} (SVG whose text it escaped) under its caption. */
  private void figure(String caption, String svg) {
    html.append("<figure><figcaption>")
        .append(text(caption))
        .append("</figcaption>")
        .append(svg)
        .append("</figure>");
  }

  /** The first page of the students; dashboard.js turns the pages. */
  private void students() {
    Dashboard.Slice<Dashboard.StudentRow> students = model.students();
    html.append("<section class=\"card\" aria-labelledby=\"students-title\">")
        .append("<h2 id=\"students-title\">")
        .append(text("dashboard.students"))
        .append("</h2>");
    pager("students", students, "dashboard.students");
    html.append("<table class=\"data\" id=\"students\"><caption class=\"visually-hidden\">")
        .append(text("dashboard.students.caption"))
        .append("</caption>");
    head(
        "dashboard.col.student",
        "dashboard.col.firstAccess",
        "dashboard.col.lastAccess",
        "dashboard.col.visits",
        "dashboard.col.chats",
        "dashboard.col.messages");
    html.append("<tbody id=\"students-rows\">");
    for (Dashboard.StudentRow s : students.items()) {
      html.append("<tr><td>");
      who(s.pseudonym(), s.name());
      html.append("</td><td>")
          .append(s.firstAccess().toLocalDate())
          .append("</td><td>")
          .append(time(s.lastAccess()))
          .append("</td><td>")
          .append(s.accessCount())
          .append("</td><td>")
          .append(s.chats())
          .append("</td><td>")
          .append(s.messages())
          .append("</td></tr>");
    }
    html.append("</tbody></table><p class=\"muted\">").append(text("dashboard.times"));
    if (students.total() == 0) {
      html.append(' ').append(text("dashboard.students.nobody"));
    }
    html.append("</p><div class=\"actions downloads\">");
    download("access-log", "csv", "download-access-csv", "dashboard.download.accessCsv");
    download("access-log", "json", "download-access-json", "dashboard.download.accessJson");
    html.append("</div></section>\n");
  }

  /** The reviewable chats' first page, with the filters, or why there are none to review. */
  private void chats() {
    html.append("<section class=\"card\" aria-labelledby=\"chats-title\">")
        .append("<h2 id=\"chats-title\">")
        .append(text("dashboard.chats"))
        .append("</h2>");
    if (!model.chatVisibility()) {
      html.append("<p class=\"muted\" id=\"review-off\">")
          .append(text("dashboard.chats.reviewOff"))
          .append("</p>");
    } else {
      html.append("<p class=\"muted\">")
          .append(text("dashboard.chats.agreedOnly"))
          .append("</p><form id=\"chat-filter\" class=\"filters\"><div>")
          .append("<label for=\"filter-assistant\">")
          .append(text("dashboard.filter.assistant"))
          .append("</label><select id=\"filter-assistant\" name=\"assistant\"><option value=\"\">")
          .append(text("dashboard.filter.all"))
          .append("</option>");
      for (Dashboard.AssistantStats a : model.stats().assistants()) {
        html.append("<option value=\"")
            .append(a.id())
            .append("\">")
            .append(Html.escape(a.name()))
            .append("</option>");
      }
      html.append("</select></div><div><label for=\"filter-from\">")
          .append(text("dashboard.filter.from"))
          .append("</label><input type=\"date\" id=\"filter-from\" name=\"from\" /></div>")
          .append("<div><label for=\"filter-to\">")
          .append(text("dashboard.filter.to"))
          .append("</label><input type=\"date\" id=\"filter-to\" name=\"to\" /></div>")
          .append("<button type=\"submit\" id=\"filter-apply\">")
          .append(text("dashboard.filter.apply"))
          .append("</button></form>")
          .append("<p id=\"chats-error\" class=\"error-text\" role=\"alert\"></p>");
      Dashboard.Slice<Dashboard.ChatRow> chats = model.chats();
      pager("chats", chats, "dashboard.chats");
      html.append("<table class=\"data\" id=\"chats\"><caption class=\"visually-hidden\">")
          .append(text("dashboard.chats.caption"))
          .append("</caption>");
      head(
          "dashboard.col.student",
          "dashboard.col.assistant",
          "dashboard.col.topic",
          "dashboard.col.messages",
          "dashboard.col.lastMessage");
      html.append("<tbody id=\"chats-rows\">");
      for (Dashboard.ChatRow c : chats.items()) {
        html.append("<tr><td>");
        who(c.pseudonym(), c.name());
        html.append("</td><td>")
            .append(Html.escape(c.assistant()))
            .append("</td><td><button type=\"button\" class=\"link transcript\" data-chat=\"")
            .append(c.id())
            .append("\">")
            .append(
                c.title() == null || c.title().isEmpty()
                    ? text("dashboard.chats.untitled")
                    : Html.escape(c.title()))
            .append("</button></td><td>")
            .append(c.messages())
            .append("</td><td>")
            .append(time(c.updatedAt()))
            .append("</td></tr>");
      }
      html.append("</tbody></table><div class=\"actions downloads\">");
      download(
          "transcripts", "csv", "download-transcripts-csv", "dashboard.download.transcriptsCsv");
      download(
          "transcripts", "json", "download-transcripts-json", "dashboard.download.transcriptsJson");
      html.append("</div><div id=\"transcript\" class=\"transcript-view\" aria-live=\"polite\"")
          .append(" tabindex=\"-1\"></div>");
    }
    html.append("<p id=\"download-status\" role=\"status\" class=\"muted\"></p></section>\n");
  }

  /** For the owner: the activity's name, its assistants, transcript review and names. */
  private void manage(String contextPath, String language) {
    html.append("<section class=\"card\" id=\"manage\" aria-labelledby=\"manage-title\">")
        .append("<h2 id=\"manage-title\">")
        .append(text("dashboard.manage"))
        .append("</h2>");
    hiddenTokenForm(contextPath, "/lamb/v1/lti/reconfigure", "manage-form", language);
    html.append("<label for=\"activity_name\">")
        .append(text("dashboard.manage.name"))
        .append("</label><input type=\"text\" id=\"activity_name\" name=\"activity_name\" value=\"")
        .append(Html.escape(model.activityName()))
        .append("\" maxlength=\"300\" /><fieldset><legend>")
        .append(text("dashboard.manage.assistants"))
        .append("</legend>");
    for (PageModels.Choice a : model.manageChoices()) {
      String id = "m-assistant-" + a.id();
      html.append("<div class=\"choice\">");
      input("checkbox", "assistant_ids", String.valueOf(a.id()), id, a.checked(), false);
      label(id, Html.escape(a.name()));
      html.append("</div>");
    }
    html.append("</fieldset><div class=\"choice\">");
    input("checkbox", "chat_visibility_enabled", "1", "m-review", model.chatVisibility(), false);
    label("m-review", text("dashboard.manage.review"));
    html.append("</div>");
    var identity = model.identity();
    boolean named = "named".equals(identity.identityPolicy());
    if (identity.namesAllowed() || named) {
      html.append("<fieldset id=\"identity-policy\"><legend>")
          .append(text("dashboard.identity.legend"))
          .append("</legend><div class=\"choice\">");
      input("radio", "identity_policy", "pseudonymous", "m-pseudonymous", !named, false);
      label("m-pseudonymous", text("dashboard.identity.pseudonymous"));
      html.append("</div><div class=\"choice\">");
      input("radio", "identity_policy", "named", "m-named", named, !identity.namesAllowed());
      label("m-named", text("dashboard.identity.named"));
      html.append("</div><p class=\"muted\">").append(text("dashboard.identity.note"));
      if (!identity.namesAllowed()) {
        html.append(' ').append(format("dashboard.identity.notAllowed", model.organizationName()));
      }
      html.append("</p></fieldset>");
    }
    html.append("<button type=\"submit\" class=\"primary\">")
        .append(text("dashboard.manage.save"))
        .append("</button></form></section>\n");
  }

  /** For the owner: hand the activity over to another instructor with a creator account. */
  private void handover() {
    List<PageModels.Instructor> candidates = model.handoverCandidates();
    html.append("<section class=\"card\" id=\"handover\" aria-labelledby=\"handover-title\">")
        .append("<h2 id=\"handover-title\">")
        .append(text("dashboard.handover"))
        .append("</h2>");
    if (candidates.isEmpty()) {
      html.append("<p class=\"muted\" id=\"handover-none\">")
          .append(format("dashboard.handover.none", model.organizationName()))
          .append("</p>");
    } else {
      html.append("<form id=\"handover-form\"><label for=\"new-owner\">")
          .append(text("dashboard.handover.newOwner"))
          .append("</label><select id=\"new-owner\" name=\"email\">");
      for (PageModels.Instructor i : candidates) {
        html.append("<option value=\"")
            .append(Html.escape(i.email()))
            .append("\">")
            .append(Html.escape(i.name()))
            .append(" (")
            .append(Html.escape(i.email()))
            .append(")</option>");
      }
      html.append("</select><p class=\"muted\">")
          .append(text("dashboard.handover.keep"))
          .append("</p><button type=\"submit\" class=\"primary\">")
          .append(text("dashboard.handover"))
          .append("</button></form>")
          .append("<p id=\"handover-result\" role=\"status\" aria-live=\"polite\"></p>");
    }
    html.append("</section>\n");
  }

  /** A list's pager: where it stands, the previous and next buttons, and the page size. */
  private void pager(String list, Dashboard.Slice<?> slice, String key) {
    html.append("<div class=\"pager\" data-list=\"")
        .append(list)
        .append("\" data-page=\"")
        .append(slice.page())
        .append("\" data-per-page=\"")
        .append(slice.perPage())
        .append("\" data-pages=\"")
        .append(slice.pages())
        .append("\"><p id=\"")
        .append(list)
        .append("-status\" class=\"pager-status\" role=\"status\">")
        .append(Html.escape(slice.summary(words, key)))
        .append("</p><button type=\"button\" class=\"prev\" id=\"")
        .append(list)
        .append("-prev\"")
        .append(slice.page() <= 1 ? " disabled=\"disabled\"" : "")
        .append('>')
        .append(text("dashboard.pager.prev"))
        .append("</button><button type=\"button\" class=\"next\" id=\"")
        .append(list)
        .append("-next\"")
        .append(slice.page() >= slice.pages() ? " disabled=\"disabled\"" : "")
        .append('>')
        .append(text("dashboard.pager.next"))
        .append("</button><label for=\"")
        .append(list)
        .append("-size\">")
        .append(text("dashboard.pager.size"))
        .append("</label><select id=\"")
        .append(list)
        .append("-size\" class=\"size\"><option value=\"20\">20</option>")
        .append(
            "<option value=\"50\">50</option><option value=\"100\">100</option></select></div>");
  }

  /** A form that posts the dashboard token and the page's language to {@code path}. */
  private void hiddenTokenForm(String contextPath, String path, String id, String language) {
    html.append("<form method=\"post\" action=\"")
        .append(Html.escape(contextPath + path))
        .append('"');
    if (id != null) {
      html.append(" id=\"").append(id).append('"');
    }
    html.append("><input type=\"hidden\" name=\"token\" value=\"")
        .append(Html.escape(model.token()))
        .append("\" /><input type=\"hidden\" name=\"")
        .append(Languages.PARAM)
        .append("\" value=\"")
        .append(Html.escape(language))
        .append("\" />");
  }

  private void input(
      String type, String name, String value, String id, boolean checked, boolean disabled) {
    html.append("<input type=\"")
        .append(type)
        .append("\" name=\"")
        .append(name)
        .append("\" value=\"")
        .append(Html.escape(value))
        .append("\" id=\"")
        .append(id)
        .append('"')
        .append(checked ? " checked=\"checked\"" : "")
        .append(disabled ? " disabled=\"disabled\"" : "")
        .append(" />");
  }

  private void label(String forId, String escapedText) {
    html.append("<label for=\"").append(forId).append("\">").append(escapedText).append("</label>");
  }

  private void download(String export, String format, String id, String key) {
    html.append("<button type=\"button\" class=\"download\" data-export=\"")
        .append(export)
        .append("\" data-format=\"")
        .append(format)
        .append("\" id=\"")
        .append(id)
        .append("\">")
        .append(text(key))
        .append("</button>");
  }

  /** A table's head row: one column header per key. */
  private void head(String... keys) {
    html.append("<thead><tr>");
    for (String key : keys) {
      html.append("<th scope=\"col\">").append(text(key)).append("</th>");
    }
    html.append("</tr></thead>");
  }

  /** A row headed by {@code name}, then its figures. */
  private void row(String name, long... figures) {
    html.append("<tr><th scope=\"row\">").append(Html.escape(name)).append("</th>");
    for (long n : figures) {
      html.append("<td>").append(n).append("</td>");
    }
    html.append("</tr>");
  }

  /** A pseudonym, and the name in brackets where it is shown. */
  private void who(String pseudonym, String name) {
    html.append(Html.escape(pseudonym));
    if (name != null && !name.isEmpty()) {
      html.append(" (").append(Html.escape(name)).append(')');
    }
  }

  /** Day and time to the second (seconds left out when zero), as ISO 8601 writes them (UTC). */
  private static String time(LocalDateTime at) {
    return at.toLocalDate() + " " + at.toLocalTime().withNano(0);
  }

  private String text(String key) {
    return LtiPageHtml.text(words, key);
  }

  /** A message with its arguments, as JSF's outputFormat writes it (escaped). */
  private String format(String key, Object... args) {
    return Html.escape(new MessageFormat(words.getString(key), locale).format(args));
  }
}
