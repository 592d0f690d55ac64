package org.ltibridge.legacy.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.ltibridge.activity.control.ActivityInstructors;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.assistant.control.StudentLtiKeys;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.fastpath.SingleUse;
import org.ltibridge.identity.control.InstructorIdentification;
import org.ltibridge.identity.control.SyntheticIdentity;
import org.ltibridge.launch.control.LaunchFlow;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.launch.entity.LtiVersion;
import org.ltibridge.system.control.Problem;

/**
 * LAMB's legacy Student LTI links ({@code POST /lamb/v1/lti_users/lti}, LAMB lti_landscape.md §4,
 * §11): the consumer key names one published assistant. The first launch from a placement records
 * it as an activity of kind {@code LEGACY} ({@link Placements}); from then on every launch is the
 * Unified flow's, which knows that in a legacy placement everyone lands in the chat of its one
 * assistant under LAMB's per-assistant identity ({@link Activity#identityOf}). A placement migrated
 * in place is a Unified activity like any other, at the same LMS link.
 */
@ApplicationScoped
public class LegacyLinkFlow implements LaunchFlow {

  /** LAMB's Student LTI launch path (LAMB lti_landscape.md §7.4). */
  public static final String PATH = "/lamb/v1/lti_users/lti";

  static final Problem.Text ERROR_NOT_LTI11 = Problem.text("legacy.LegacyLinkFlow.notLti11");

  @Inject StudentLtiKeys keys;
  @Inject Placements placements;
  @Inject UnifiedActivityFlow unified;
  @Inject InstructorIdentification instructors;
  @Inject ActivityInstructors activityInstructors;

  @Override
  public boolean serves(String path) {
    return path.endsWith(PATH);
  }

  /** The legacy identity of the launching student (LAMB lti_landscape.md §6). */
  static String identity(Launch launch) {
    return SyntheticIdentity.legacyEmail(launch.user(), launch.credential());
  }

  @Override
  public Optional<String> quickly(Launch launch, SingleUse used) {
    return launch.version() == LtiVersion.LTI_1_1
        ? unified.quickly(launch, identity(launch), used)
        : Optional.empty();
  }

  @Override
  public LaunchOutcome handle(Launch launch) {
    if (launch.version() != LtiVersion.LTI_1_1) {
      throw Problem.badRequest(ERROR_NOT_LTI11);
    }
    StudentLtiKeys.Keyed key =
        keys.find(launch.credential())
            .orElseThrow(() -> new IllegalStateException("A verified key names no assistant"));
    Optional<Activity> placement = placements.at(launch);
    if (placement.isEmpty()) {
      // Nothing is recorded for a link that cannot be used now (read afresh, not from the keys'
      // cache: the Unified flow judges a recorded placement by the database too).
      Assistant assistant = placements.assistant(key.assistantId());
      if (!assistant.organization().enabled()) {
        return unavailable(assistant.name(), Availability.ORGANIZATION_DISABLED.notice());
      }
      if (!assistant.isPublished()) {
        return unavailable(assistant.name(), Availability.ASSISTANT_UNAVAILABLE.notice());
      }
      placement = Optional.of(placements.record(launch, key.assistantId()));
    }
    if (launch.roles().isInstructor() && placement.get().isLegacy()) {
      // Whom a migration may make its owner (PlacementAdmin.NewOwner.FIRST_INSTRUCTOR).
      activityInstructors.arrived(
          placement.get(), instructors.creatorAccounts(launch), launch.user().id());
    }
    return unified.handle(launch);
  }

  private static LaunchOutcome unavailable(String title, Problem.Text notice) {
    return new LaunchOutcome.Page(
        403, "waiting", new UnifiedActivityFlow.InfoPage(title, true, notice));
  }
}
