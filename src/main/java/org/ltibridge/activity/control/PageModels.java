package org.ltibridge.activity.control;

import java.util.List;

/**
 * What the LTI pages under {@code /ui/lti/} show; built by {@link Configuration} and the dashboard
 * resource.
 */
public final class PageModels {

  private PageModels() {}

  /** An assistant offered as a checkbox. */
  public record Choice(
      long id, String name, String description, long organizationId, boolean checked) {}

  /** An organisation the instructor can bind the activity to. */
  public record Org(long id, String name) {}

  public record Setup(
      String token,
      String activityName,
      String contextTitle,
      List<Org> organizations,
      List<Choice> assistants,
      boolean chatVisibility,
      String instructorName) {

    public boolean severalOrganizations() {
      return organizations.size() > 1;
    }
  }

  /** Someone the owner may hand the activity over to. */
  public record Instructor(String email, String name) {}

  /**
   * Model of the notice a student answers before chatting ({@link UnifiedDecision#notice}).
   *
   * @param transcriptReview instructors may review transcripts of students who agree
   * @param namesShown instructors see the student's name beside their pseudonym
   */
  public record Consent(
      String token,
      String activityName,
      String noticeVersion,
      boolean transcriptReview,
      boolean namesShown) {}
}
