package org.ltibridge.lti13.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.access.control.Views;
import org.ltibridge.lti13.platform.control.ToolRegistry.Checked;
import org.ltibridge.lti13.platform.control.ToolRegistry.Registration;
import org.ltibridge.lti13.platform.control.ToolRegistry.ToolView;
import org.ltibridge.lti13.platform.entity.Tool;
import org.ltibridge.lti13.platform.entity.ToolError;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;

/**
 * What a system admin does to a registered tool once it exists, from the platform console and from
 * the admin API alike (both call these methods, which ask {@link Permissions} first): list and read
 * it, edit it, deactivate and reactivate it, remove it, and read its diagnostics (line items, the
 * last scores received, the last errors answered to it).
 *
 * <p>Deactivating takes effect at once on every instance: launches and the token endpoint read the
 * tool's row, and every AGS or NRPS request reads its active flag and revisions ({@link
 * AccessTokens#verify}). Removing is refused where it would lose learners' results; deactivating is
 * the way then.
 */
@ApplicationScoped
public class ToolAdmin {

  static final Problem.Text ERROR_HAS_RESULTS = Problem.text("lti13.platform.ToolAdmin.hasResults");

  /** How many line items and scores the diagnostics show. */
  static final int DIAGNOSTIC_ROWS = 50;

  @PersistenceContext EntityManager em;
  @Inject ToolRegistry registry;
  @Inject ToolErrors errors;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** The editable fields of a tool: everything but its client id, which names it everywhere. */
  public record Edit(
      String name,
      String loginUrl,
      String launchUrl,
      String redirectUris,
      String jwksUrl,
      String publicKeyPem,
      java.util.Set<String> scopes) {}

  /** A line item of the tool, with how many results it holds. */
  public record LineItemRow(
      long id, String label, BigDecimal scoreMaximum, String contextId, long results) {}

  /** A result the tool posted (its latest score for a learner). */
  public record ScoreRow(
      String at,
      long lineItemId,
      String lineItemLabel,
      String userId,
      String email,
      BigDecimal scoreGiven,
      BigDecimal scoreMaximum,
      String activityProgress,
      String gradingProgress) {}

  /** An error answered to the tool. */
  public record ErrorRow(String at, String endpoint, int status, String error, String message) {}

  /** What answers "why has my grade not arrived?". */
  public record Diagnostics(
      ToolView tool, List<LineItemRow> lineItems, List<ScoreRow> scores, List<ErrorRow> errors) {}

  public List<ToolView> list(Actor actor) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_TOOLS, null);
    return registry.tools();
  }

  /** Registers a tool (the console's form and {@code POST /api/v1/admin/platform/tools}). */
  @Transactional
  public ToolView register(Actor actor, ToolRegistry.Registration registration) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_TOOLS, null);
    ToolView tool = registry.register(registration);
    audit.record(actor.name(), null, "platform-tool.register", tool.clientId(), null);
    return tool;
  }

  public ToolView get(Actor actor, long toolId) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_TOOLS, null);
    return registry.view(find(toolId));
  }

  /**
   * Replaces the editable fields. A new key (JWKS URL or PEM) is used from the next token request,
   * and the tokens issued so far are revoked; scopes taken away are refused on existing tokens at
   * once (each service request is judged against the tool's current scopes).
   */
  @Transactional
  public ToolView edit(Actor actor, long toolId, Edit e) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_TOOLS, null);
    Tool tool = find(toolId);
    Checked c =
        ToolRegistry.check(
            new Registration(
                e.name(),
                tool.clientId(),
                e.loginUrl(),
                e.launchUrl(),
                e.redirectUris(),
                e.jwksUrl(),
                e.publicKeyPem(),
                e.scopes()));
    long tokensBefore = tool.tokenRevision();
    tool.edit(
        c.name(),
        c.loginUrl(),
        c.launchUrl(),
        c.redirectUris(),
        c.jwksUrl(),
        c.publicKeyPem(),
        c.scopes(),
        LocalDateTime.now(clock));
    audit.record(
        actor.name(),
        null,
        "platform-tool.edit",
        tool.clientId(),
        "revision "
            + tool.revision()
            + (tool.tokenRevision() != tokensBefore ? "; new key, tokens revoked" : "")
            + "; scopes: "
            + String.join(" ", c.scopes().stream().sorted().toList()));
    em.flush();
    return registry.view(tool);
  }

  /**
   * Deactivates the tool (its launches, token requests and existing tokens refused at once) or
   * reactivates it (all three work again); idempotent.
   */
  @Transactional
  public ToolView setActive(Actor actor, long toolId, boolean active) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_TOOLS, null);
    Tool tool = find(toolId);
    if (tool.active() != active) {
      tool.setActive(active, LocalDateTime.now(clock));
      audit.record(
          actor.name(),
          null,
          active ? "platform-tool.activate" : "platform-tool.deactivate",
          tool.clientId(),
          "revision " + tool.revision());
      em.flush();
    }
    return registry.view(tool);
  }

  /**
   * Removes a tool with its deployments, placements and line items; refused (409) while any line
   * item holds a learner's result.
   */
  @Transactional
  public void remove(Actor actor, long toolId) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_TOOLS, null);
    Tool tool = find(toolId);
    long results = results(toolId);
    if (results > 0) {
      throw Problem.conflict(ERROR_HAS_RESULTS.with(tool.name(), results));
    }
    String clientId = tool.clientId();
    String name = tool.name();
    // The rows that hang on the tool go with it (ON DELETE CASCADE, schema 004 and 012).
    em.createQuery("DELETE FROM Tool t WHERE t.id = :id")
        .setParameter("id", toolId)
        .executeUpdate();
    em.createNativeQuery("DELETE FROM lti_platform_nonces WHERE tool_id = ?")
        .setParameter(1, toolId)
        .executeUpdate();
    audit.record(actor.name(), null, "platform-tool.remove", clientId, name);
  }

  /** The tool, its line items, the last scores it posted and the last errors answered to it. */
  public Diagnostics diagnostics(Actor actor, long toolId) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_TOOLS, null);
    ToolView tool = registry.view(find(toolId));
    List<LineItemRow> items = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT li.id, li.label, li.score_maximum, c.context_id, (SELECT COUNT(*) FROM"
                    + " lti_results r WHERE r.line_item_id = li.id) FROM lti_line_items li JOIN"
                    + " lti_course_configs c ON c.id = li.course_config_id WHERE li.tool_id = ?"
                    + " ORDER BY li.id DESC")
            .setParameter(1, toolId)
            .setMaxResults(DIAGNOSTIC_ROWS)
            .getResultList()) {
      Object[] r = (Object[]) row;
      items.add(
          new LineItemRow(
              ((Number) r[0]).longValue(),
              (String) r[1],
              decimal(r[2]),
              (String) r[3],
              ((Number) r[4]).longValue()));
    }
    List<ScoreRow> scores = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT r.updated_at, li.id, li.label, l.public_id, l.email, r.score_given,"
                    + " r.score_maximum, r.activity_progress, r.grading_progress FROM lti_results"
                    + " r JOIN lti_line_items li ON li.id = r.line_item_id JOIN learners l ON l.id"
                    + " = r.learner_id WHERE li.tool_id = ? ORDER BY r.updated_at DESC, r.id DESC")
            .setParameter(1, toolId)
            .setMaxResults(DIAGNOSTIC_ROWS)
            .getResultList()) {
      Object[] r = (Object[]) row;
      scores.add(
          new ScoreRow(
              Views.time(time(r[0])),
              ((Number) r[1]).longValue(),
              (String) r[2],
              (String) r[3],
              (String) r[4],
              decimal(r[5]),
              decimal(r[6]),
              (String) r[7],
              (String) r[8]));
    }
    List<ErrorRow> answered =
        errors.of(toolId, ToolErrors.KEPT).stream().map(ToolAdmin::errorRow).toList();
    return new Diagnostics(tool, items, scores, answered);
  }

  private static ErrorRow errorRow(ToolError e) {
    return new ErrorRow(Views.time(e.at()), e.endpoint(), e.status(), e.error(), e.message());
  }

  private long results(long toolId) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM lti_results r JOIN lti_line_items li ON li.id ="
                        + " r.line_item_id WHERE li.tool_id = ?")
                .setParameter(1, toolId)
                .getSingleResult())
        .longValue();
  }

  private Tool find(long toolId) {
    Tool tool = em.find(Tool.class, toolId);
    if (tool == null) {
      throw Problem.notFound(ToolRegistry.ERROR_NO_TOOL);
    }
    return tool;
  }

  private static BigDecimal decimal(Object o) {
    if (o == null) {
      return null;
    }
    return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
  }

  private static LocalDateTime time(Object o) {
    if (o instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    return o instanceof LocalDateTime l ? l : null;
  }
}
