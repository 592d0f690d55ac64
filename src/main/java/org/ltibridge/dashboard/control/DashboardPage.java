package org.ltibridge.dashboard.control;

import java.util.List;
import java.util.Set;
import org.ltibridge.activity.control.Configuration;
import org.ltibridge.activity.control.PageModels;

/** What the instructor dashboard page shows. */
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
    UsageCharts usage,
    List<PageModels.Choice> manageChoices,
    Set<Long> selected,
    List<PageModels.Instructor> handoverCandidates,
    Configuration.IdentityChoice identity) {}
