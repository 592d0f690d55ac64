package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;

/**
 * The owner hands an activity over to another of its instructors from the dashboard (LAMB
 * lti_landscape.md §19, future direction 11): the dashboard offers the instructors who launched it
 * with a creator account of its organisation; {@code POST /lamb/v1/lti/dashboard/owner} changes the
 * owner and records it, for the owner only; afterwards the old owner's dashboard shows them as no
 * longer the owner.
 */
class DashboardHandoverIT extends ItBase {

  static final String OWNER_API = "/lamb/v1/lti/dashboard/owner";
  static final String TRANSFERS =
      "SELECT COUNT(*) FROM admin_audit WHERE action = 'activity.transfer' AND organization_id = ?";

  @Test
  void theOwnerHandsTheActivityToAnotherOfItsInstructors() {
    String slug = "ho-" + UUID.randomUUID().toString().substring(0, 8);
    long org = db().organization(slug, null, null);
    String owner = "owner@" + slug + ".example.edu";
    String colleague = "colleague@" + slug + ".example.edu";
    String stranger = "stranger@" + slug + ".example.edu"; // a creator who never opened it
    db().creatorIn(org, owner);
    db().creatorIn(org, colleague);
    db().creatorIn(org, stranger);
    long assistant = db().publishedAssistant(org, "Tutor " + slug, "m", "Be kind.");
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Http.Res setup = lms.launch(Person.instructor(owner), placement);
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token=" + setup.locationToken() + "&assistant_ids=" + assistant);
    assertEquals(303, configured.status(), configured.body());
    Http.Res first = http().follow(configured);
    assertTrue(first.body().contains("id=\"handover-none\""), "nobody to hand it to yet");

    Http.Res colleagueLaunch = lms.launch(Person.instructor(colleague), placement);
    assertEquals(303, colleagueLaunch.status(), colleagueLaunch.body());
    Http.Res colleagueDashboard = http().follow(colleagueLaunch);
    assertFalse(colleagueDashboard.body().contains("id=\"handover-form\""), "not the owner's");

    Http.Res ownerLaunch = lms.launch(Person.instructor(owner), placement);
    String ownerToken = ownerLaunch.locationToken();
    Http.Res dashboard = http().follow(ownerLaunch);
    assertEquals(200, dashboard.status(), dashboard.body());
    assertTrue(dashboard.body().contains("Hand over ownership"), dashboard.body());
    assertTrue(dashboard.body().contains("<option value=\"" + colleague + "\""), dashboard.body());
    assertFalse(dashboard.body().contains(stranger), "only instructors of this activity");

    // Someone else than the owner, and someone who may not receive it: refused, nothing written.
    Http.Res notOwner = handOver(colleagueLaunch.locationToken(), colleague);
    assertEquals(403, notOwner.status(), notOwner.body());
    assertTrue(notOwner.body().contains("Only the owner"), notOwner.body());
    Http.Res toStranger = handOver(ownerToken, stranger);
    assertEquals(400, toStranger.status(), toStranger.body());
    Http.Res noBody =
        http().postJson(OWNER_API, "not json", "Authorization", "Bearer " + ownerToken);
    assertEquals(400, noBody.status(), noBody.body());
    assertEquals(owner, ownerOf(placement));
    assertEquals(0, db().count(TRANSFERS, org));

    Http.Res done = handOver(ownerToken, colleague);
    assertEquals(200, done.status(), done.body());
    assertTrue(done.body().contains("\"ownerEmail\":\"" + colleague + "\""), done.body());
    assertEquals(colleague, ownerOf(placement));
    assertEquals(
        1,
        db().count(
                TRANSFERS + " AND actor = ? AND detail LIKE ?",
                org,
                owner,
                owner + " → " + colleague + "%"));

    // The old owner's dashboard: no longer the owner, and their old token can change nothing.
    String next = done.body().replaceAll("(?s).*\"dashboard\":\"([^\"]*)\".*", "$1");
    Http.Res after = http().get(next);
    assertEquals(200, after.status(), after.body());
    assertTrue(after.body().contains("owner Creator " + colleague), after.body());
    assertFalse(after.body().contains("id=\"manage-form\""), after.body());
    assertFalse(after.body().contains("id=\"handover-form\""), after.body());
    Http.Res again = handOver(ownerToken, owner);
    assertEquals(403, again.status(), again.body());
    assertEquals(colleague, ownerOf(placement));

    // The new owner manages it now.
    Http.Res newOwner = http().follow(lms.launch(Person.instructor(colleague), placement));
    assertTrue(newOwner.body().contains("id=\"manage-form\""), newOwner.body());
    assertTrue(newOwner.body().contains("<option value=\"" + owner + "\""), "can hand it back");
  }

  private static Http.Res handOver(String dashboardToken, String email) {
    return http()
        .postJson(
            OWNER_API,
            "{\"email\": \"" + email + "\"}",
            "Authorization",
            "Bearer " + dashboardToken,
            "Accept",
            "application/json");
  }

  private static String ownerOf(String placement) {
    return db().string(
            "SELECT owner_email FROM lti_activities WHERE resource_link_id = ?", placement);
  }
}
