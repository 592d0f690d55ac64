package org.ltibridge.learning.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.ltibridge.learning.entity.LineItem;
import org.ltibridge.learning.entity.LineItemData;
import org.ltibridge.system.control.Problem;

/**
 * Line items (AGS 2.0 §3.2, "Line item service"): created, read, changed, listed and deleted by the
 * tool that owns them. Every method takes the id of the tool that asks: a line item of another tool
 * is "not found" for it.
 */
@ApplicationScoped
public class LineItems {

  public static final String ERROR_NO_LINE_ITEM = "No such line item.";

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject ScoreTargets targets;

  @Transactional
  public LineItem create(long toolId, long configId, LineItemData data) {
    LineItem item = new LineItem(toolId, configId, data, LocalDateTime.now(clock));
    em.persist(item);
    em.flush();
    return item;
  }

  public Optional<LineItem> find(long toolId, long id) {
    LineItem item = em.find(LineItem.class, id);
    return item != null && item.toolId() == toolId ? Optional.of(item) : Optional.empty();
  }

  @Transactional
  public LineItem change(long toolId, long id, LineItemData data) {
    LineItem item = find(toolId, id).orElseThrow(() -> Problem.notFound(ERROR_NO_LINE_ITEM));
    item.change(data, LocalDateTime.now(clock));
    return item;
  }

  @Transactional
  public void delete(long toolId, long id) {
    LineItem item = find(toolId, id).orElseThrow(() -> Problem.notFound(ERROR_NO_LINE_ITEM));
    em.createQuery("DELETE FROM LineItem li WHERE li.id = :id")
        .setParameter("id", item.id())
        .executeUpdate();
    targets.forget(item.id());
  }

  /**
   * One page of a placement's line items (AGS §3.2.5 filters), in id order after {@code afterId};
   * one more than {@code limit} is read to know whether a next page exists.
   */
  public List<LineItem> list(
      long toolId,
      long configId,
      String resourceLinkId,
      String resourceId,
      String tag,
      long afterId,
      int limit) {
    StringBuilder q =
        new StringBuilder(
            "SELECT li FROM LineItem li WHERE li.toolId = :t AND li.configId = :c AND li.id >"
                + " :after");
    if (resourceLinkId != null) {
      q.append(" AND li.resourceLinkId = :rl");
    }
    if (resourceId != null) {
      q.append(" AND li.resourceId = :r");
    }
    if (tag != null) {
      q.append(" AND li.tag = :tag");
    }
    var query =
        em.createQuery(q.append(" ORDER BY li.id").toString(), LineItem.class)
            .setParameter("t", toolId)
            .setParameter("c", configId)
            .setParameter("after", afterId);
    if (resourceLinkId != null) {
      query.setParameter("rl", resourceLinkId);
    }
    if (resourceId != null) {
      query.setParameter("r", resourceId);
    }
    if (tag != null) {
      query.setParameter("tag", tag);
    }
    return query.setMaxResults(limit + 1).getResultList();
  }
}
