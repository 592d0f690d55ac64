package org.ltibridge.keys.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.ltibridge.keys.entity.SigningKeyRow;

/** The signing_keys table. Inserts race safely: a generation is created once across instances. */
@ApplicationScoped
public class KeyStore {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Transactional
  public List<SigningKeyRow> all() {
    return em.createNamedQuery(SigningKeyRow.ALL, SigningKeyRow.class).getResultList();
  }

  /**
   * Stores a new generation in its own transaction; fails with a unique violation (see {@link
   * org.ltibridge.system.control.UniqueViolation}) when another instance stored it first.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public void insert(SigningKeyRow row) {
    em.persist(row);
    em.flush();
  }

  @Transactional
  public int delete(List<String> kids) {
    if (kids.isEmpty()) {
      return 0;
    }
    return em.createQuery("DELETE FROM SigningKeyRow k WHERE k.kid IN :kids")
        .setParameter("kids", kids)
        .executeUpdate();
  }

  public LocalDateTime now() {
    return LocalDateTime.now(clock);
  }
}
