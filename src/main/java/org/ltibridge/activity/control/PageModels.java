package org.ltibridge.activity.control;

import java.util.List;
import java.util.Set;

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

  public record DashboardPage(
      String token,
      String activityName,
      String contextTitle,
      String organizationName,
      String ownerName,
      String createdAt,
      boolean owner,
      boolean chatVisibility,
      Dashboard.Stats stats,
      Dashboard.Slice<Dashboard.StudentRow> students,
      Dashboard.Slice<Dashboard.ChatRow> chats,
      List<Choice> manageChoices,
      Set<Long> selected,
      List<Instructor> handoverCandidates) {}

  /** Someone the owner may hand the activity over to. */
  public record Instructor(String email, String name) {}

  public record Consent(String token, String activityName, String noticeVersion) {}
}
