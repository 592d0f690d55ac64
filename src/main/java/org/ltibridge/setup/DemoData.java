package org.ltibridge.setup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.logging.Logger;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.assistant.entity.AssistantSettings;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.org.entity.Organization;

/**
 * The demo organisation ({@code LTI_BRIDGE_DEMO=true}, the default with the embedded H2 database):
 * two published assistants and the creator account {@value #INSTRUCTOR}, so a first launch from an
 * LMS reaches the setup page without any administration.
 */
@ApplicationScoped
public class DemoData {

  private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
  public static final String SLUG = "demo";
  public static final String INSTRUCTOR = "demo-instructor@example.edu";

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Transactional
  public void load() {
    if (!em.createNamedQuery(Organization.BY_SLUG, Organization.class)
        .setParameter("slug", SLUG)
        .getResultList()
        .isEmpty()) {
      return;
    }
    LocalDateTime now = LocalDateTime.now(clock);
    Organization org = new Organization(SLUG, "Demo University", now);
    em.persist(org);
    CreatorUser instructor = new CreatorUser(org, INSTRUCTOR, "Demo Instructor", now);
    em.persist(instructor);
    publish(
        Assistant.by(
            instructor,
            demo(
                "Physics Tutor",
                "Explains mechanics and electromagnetism step by step, without giving away answers.",
                "You are a patient physics tutor for first-year students. Guide with questions;"
                    + " never just give the final answer.",
                "gpt-4o-mini"),
            now),
        now);
    publish(
        Assistant.by(
            instructor,
            demo(
                "Essay Coach",
                "Gives feedback on structure and argument of essays.",
                "You are a writing coach. Comment on structure, clarity and argument; do not rewrite"
                    + " the student's text.",
                "gpt-4o-mini"),
            now),
        now);
    LOG.info("Loaded the demo organisation (creator account " + INSTRUCTOR + ")");
  }

  private static AssistantSettings demo(
      String name, String description, String systemPrompt, String model) {
    return new AssistantSettings(name, description, systemPrompt, model, null, null, false);
  }

  /**
   * Persists it with its version 1, published under its name as consumer key, so a LAMB-style
   * legacy link ({@code oauth_consumer_key=Physics Tutor}) reaches it.
   */
  private void publish(Assistant assistant, LocalDateTime now) {
    assistant.keyAs(assistant.name());
    em.persist(assistant);
    em.persist(assistant.firstVersion("demo"));
    em.flush();
    em.persist(assistant.publish(now));
  }
}
