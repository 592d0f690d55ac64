package org.ltibridge.dashboard.control;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.ToLongFunction;
import org.ltibridge.chat.control.ChatStatistics;
import org.ltibridge.system.boundary.Html;

/**
 * The dashboard's usage charts as inline SVG, drawn on the server (no chart library, no script).
 * Each chart is one image to assistive technology ({@code role="img"} with a title and a
 * description, WAI-ARIA 1.2 "img" role) that names the table beside it where every figure can be
 * read (WCAG 2.2 SC 1.1.1, non-text content has a text alternative). Bars are at least 3:1 against
 * the background (SC 1.4.11).
 */
public record UsageCharts(
    Dashboard.Usage usage,
    String students,
    String chats,
    String messages,
    String assistantChats,
    String assistantMessages) {

  static final int WIDTH = 960;
  static final int HEIGHT = 150;
  static final int LEFT = 44;
  static final int TOP = 12;
  static final int BOTTOM = 26;
  static final String BAR = "#1d4ed8";
  static final String INK = "#1f2933";

  /** The days on which anybody chatted, for the table (the chart shows the others at zero). */
  public List<ChatStatistics.Day> usedDays() {
    return usage.days().stream().filter(d -> d.chats() > 0 || d.messages() > 0).toList();
  }

  /**
   * The charts in the words of the page's bundle ({@code dashboard.chart.*} of the messages). Days
   * are written as ISO 8601 dates in every language, as in the tables.
   */
  public static UsageCharts of(Dashboard.Usage usage, ResourceBundle words) {
    List<ChatStatistics.Day> days = usage.days();
    List<Dashboard.AssistantUsage> assistants = usage.assistants();
    return new UsageCharts(
        usage,
        perDay("chart-students", words, "students", days, ChatStatistics.Day::students),
        perDay("chart-chats", words, "chats", days, ChatStatistics.Day::chats),
        perDay("chart-messages", words, "messages", days, ChatStatistics.Day::messages),
        perAssistant("chart-assistant-chats", words, "assistantChats", assistants, true),
        perAssistant("chart-assistant-messages", words, "assistantMessages", assistants, false));
  }

  private static String say(ResourceBundle words, String key, Object... args) {
    Object[] plain =
        java.util.Arrays.stream(args)
            .map(a -> a instanceof Number || a instanceof LocalDate ? a.toString() : a)
            .toArray();
    return new MessageFormat(words.getString("dashboard.chart." + key), Locale.ROOT).format(plain);
  }

  /** A bar per day, oldest on the left. */
  static String perDay(
      String id,
      ResourceBundle words,
      String chart,
      List<ChatStatistics.Day> days,
      ToLongFunction<ChatStatistics.Day> of) {
    long max = Math.max(1, days.stream().mapToLong(of).max().orElse(0));
    long total = days.stream().mapToLong(of).sum();
    LocalDate first = days.get(0).day();
    LocalDate last = days.get(days.size() - 1).day();
    ChatStatistics.Day busiest =
        days.stream().reduce((a, b) -> of.applyAsLong(b) > of.applyAsLong(a) ? b : a).orElseThrow();
    String description =
        total == 0
            ? say(words, "days.none", first, last)
            : say(words, "days.some", first, last, total, busiest.day(), of.applyAsLong(busiest));
    StringBuilder svg = start(id, say(words, chart), description);
    double plot = WIDTH - LEFT - 8;
    double step = plot / days.size();
    double bar = Math.max(1, step * 0.8);
    int base = HEIGHT - BOTTOM;
    for (int i = 0; i < days.size(); i++) {
      long v = of.applyAsLong(days.get(i));
      if (v > 0) {
        double h = (base - TOP) * (double) v / max;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                LEFT + i * step + (step - bar) / 2,
                base - h,
                bar,
                h,
                BAR));
      }
    }
    axes(svg, max);
    text(svg, LEFT, HEIGHT - 8, "start", first.toString());
    text(svg, WIDTH - 8, HEIGHT - 8, "end", last.toString());
    return svg.append("</svg>").toString();
  }

  /** A horizontal bar per assistant. */
  static String perAssistant(
      String id,
      ResourceBundle words,
      String chart,
      List<Dashboard.AssistantUsage> assistants,
      boolean chats) {
    String title = say(words, chart);
    ToLongFunction<Dashboard.AssistantUsage> of =
        chats ? Dashboard.AssistantUsage::chats : Dashboard.AssistantUsage::messages;
    long max = Math.max(1, assistants.stream().mapToLong(of).max().orElse(0));
    int row = 26;
    int height = Math.max(1, assistants.size()) * row + 8;
    String description =
        assistants.isEmpty()
            ? say(words, "assistants.none")
            : say(
                words,
                "assistants.some",
                String.join(
                    "; ",
                    assistants.stream().map(a -> a.name() + ": " + of.applyAsLong(a)).toList()));
    StringBuilder svg = new StringBuilder();
    svg.append(
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-labelledby=\"%s-title %s-desc\">")
            .formatted(WIDTH, height, id, id));
    svg.append("<title id=\"%s-title\">%s</title>".formatted(id, Html.escape(title)));
    svg.append("<desc id=\"%s-desc\">%s</desc>".formatted(id, Html.escape(description)));
    int label = 240;
    double plot = WIDTH - label - 70;
    for (int i = 0; i < assistants.size(); i++) {
      Dashboard.AssistantUsage a = assistants.get(i);
      long v = of.applyAsLong(a);
      int y = 4 + i * row;
      String name = a.name().length() > 28 ? a.name().substring(0, 27) + "\u2026" : a.name();
      text(svg, label - 8, y + 16, "end", name);
      double w = plot * v / max;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
              label,
              y + 3,
              Math.max(v > 0 ? 1 : 0, w),
              row - 8,
              BAR));
      text(svg, (int) (label + w + 6), y + 16, "start", Long.toString(v));
    }
    return svg.append("</svg>").toString();
  }

  private static StringBuilder start(String id, String title, String description) {
    StringBuilder svg = new StringBuilder();
    svg.append(
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-labelledby=\"%s-title %s-desc\">")
            .formatted(WIDTH, HEIGHT, id, id));
    svg.append("<title id=\"%s-title\">%s</title>".formatted(id, Html.escape(title)));
    svg.append("<desc id=\"%s-desc\">%s</desc>".formatted(id, Html.escape(description)));
    return svg;
  }

  private static void axes(StringBuilder svg, long max) {
    int base = HEIGHT - BOTTOM;
    svg.append(
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>"
            .formatted(LEFT, base, WIDTH - 8, base, INK));
    svg.append(
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>"
            .formatted(LEFT, TOP, LEFT, base, INK));
    text(svg, LEFT - 6, TOP + 10, "end", Long.toString(max));
    text(svg, LEFT - 6, base, "end", "0");
  }

  private static void text(StringBuilder svg, int x, int y, String anchor, String value) {
    svg.append(
        "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" fill=\"%s\" font-size=\"13\">%s</text>"
            .formatted(x, y, anchor, INK, Html.escape(value)));
  }
}
