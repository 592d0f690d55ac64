package org.ltibridge.legacy.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionalException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import org.ltibridge.activity.control.Activities;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.launch.entity.CourseContext;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.system.control.UniqueViolation;

/**
 * The placements of legacy single-assistant links: where in which LMS course a link to an assistant
 * sits (consumer key, {@code tool_consumer_instance_guid}, context, {@code resource_link_id}),
 * recorded at its first launch as an activity of kind {@code LEGACY}. Recording is race-safe: many
 * simultaneous first launches record one placement (the unique placement key), the others read it
 * back.
 */
@ApplicationScoped
public class Placements {

  @PersistenceContext EntityManager em;
  @Inject Activities activities;
  @Inject Placements self;
  @Inject Clock clock;

  /** The placement of this launch, legacy or migrated, if it was launched before. */
  public Optional<Activity> at(Launch launch) {
    return activities.at(launch.platform(), launch.resourceLink());
  }

  /** The assistant a legacy key names, as the database has it now. */
  public Assistant assistant(long id) {
    return em.find(Assistant.class, id);
  }

  /** Records the placement of a first launch (or reads the one a concurrent launch recorded). */
  public Activity record(Launch launch, long assistantId) {
    try {
      self.insert(launch, assistantId);
    } catch (PersistenceException | TransactionalException e) {
      if (!UniqueViolation.isCauseOf(e)) {
        throw e;
      }
    }
    return at(launch).orElseThrow(() -> new IllegalStateException("Placement vanished"));
  }

  /** In its own transaction, so that a lost race poisons nothing. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void insert(Launch launch, long assistantId) {
    em.persist(
        Activity.legacyPlacement(
            launch.platform().value(),
            launch.resourceLink().value(),
            launch.credential(),
            em.find(Assistant.class, assistantId),
            launch.context().map(CourseContext::id).orElse(null),
            launch.context().flatMap(CourseContext::title).orElse(null),
            launch.resourceLinkTitle().orElse(null),
            LocalDateTime.now(clock)));
    em.flush();
  }
}
