package org.ltibridge.system.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.ltibridge.system.entity.AuditEntry;

/**
 * Records every administrative change with who made it and when, inside the change's own
 * transaction: a refused or failed change leaves no entry, a done one always has its entry. The
 * actor is a console account's username, or for a change made from an LMS (an activity handed over
 * from its dashboard, a self-service account) the LMS user's email.
 */
@ApplicationScoped
public class AuditLog {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** An entry as pages and the API show it. */
  public record Entry(String at, String actor, String action, String target, String detail) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      String actor, Long organizationId, String action, String target, String detail) {
    em.persist(
        new AuditEntry(
            LocalDateTime.now(clock),
            clip(actor, 200),
            organizationId,
            action,
            clip(target, 400),
            clip(detail, 1000)));
  }

  /** The latest entries of one organisation, newest first. */
  public List<Entry> of(Long organizationId, int limit) {
    return em
        .createNamedQuery(AuditEntry.OF_ORGANIZATION, AuditEntry.class)
        .setParameter("org", organizationId)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(
            e ->
                new Entry(
                    e.at().atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT),
                    e.actor(),
                    e.action(),
                    e.target(),
                    e.detail()))
        .toList();
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
