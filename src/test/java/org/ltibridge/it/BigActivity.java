package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ltibridge.it.Lms.Person;

/**
 * Fixture: an activity configured through the real setup flow (the demo instructor, the Physics
 * Tutor and a second assistant, transcript review on or off), then filled by direct SQL with many
 * students and backdated chats, as a term of use would leave it. Every figure the dashboard should
 * show can be worked out from {@link #students} and {@link #chats}.
 */
public final class BigActivity {

  /** A seeded student: index, pseudonym, whether they consented to transcript review. */
  public record Student(long id, int index, String pseudonym, boolean consented) {}

  /** A seeded chat: its person, assistant, when it began, its title and messages' texts. */
  public record Chat(
      long id,
      Student student,
      long assistant,
      LocalDateTime begun,
      String title,
      List<String> texts) {

    public LocalDateTime updated() {
      return begun.plusMinutes(texts.size());
    }
  }

  public final String placement = Lms.newPlacement();
  public final String ownerToken;
  public final long activity;
  public final long physics;
  public final long chemistry;
  public final String chemistryName;
  public final String noticeVersion;
  public final LocalDate today = LocalDate.now(ZoneOffset.UTC);
  public final List<Student> students = new ArrayList<>();
  public final List<Chat> chats = new ArrayList<>();

  /** A real student's token (a chat token, after consenting): never a dashboard's. */
  public final String studentToken;

  /**
   * @param review whether instructors may review transcripts
   * @param people how many students to seed (every other one consents)
   * @param conversations how many chats to seed, over the last 15 days
   */
  public BigActivity(boolean review, int people, int conversations) {
    this(new Lms(ItBase.base(), ItBase.KEY, ItBase.SECRET), review, people, conversations);
  }

  /**
   * @param lms the LMS that launches it (its instance id is part of the placement)
   */
  public BigActivity(Lms lms, boolean review, int people, int conversations) {
    ownerToken = Activities.configure(lms, placement, review);
    Db db = ItBase.db();
    activity = db.count("SELECT id FROM lti_activities WHERE resource_link_id = ?", placement);
    physics = db.demoAssistant("Physics Tutor");
    long demo = db.count("SELECT id FROM organizations WHERE slug = 'demo'");
    chemistryName = "Chemistry " + UUID.randomUUID().toString().substring(0, 6);
    chemistry = db.publishedAssistant(demo, chemistryName, "m", "Be kind.");
    db.update(
        "INSERT INTO lti_activity_assistants (activity_id, assistant_id) VALUES (?, ?)",
        activity,
        chemistry);

    // A real student, through the real launch (and consent, when asked): their token and the
    // notice version in force.
    Http.Res launch = lms.launch(Person.student(), placement);
    assertEquals(303, launch.status(), launch.body());
    if (review) {
      Http.Res accepted =
          ItBase.http().postForm("/lamb/v1/lti/consent", "token=" + launch.locationToken());
      assertEquals(303, accepted.status(), accepted.body());
      studentToken = accepted.locationToken();
      noticeVersion =
          db.string(
              "SELECT consent_notice_version FROM lti_activity_users WHERE activity_id = ?"
                  + " AND consent_notice_version IS NOT NULL",
              activity);
    } else {
      studentToken = launch.locationToken();
      noticeVersion = "2026-11";
    }

    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    for (int i = 0; i < people; i++) {
      boolean consented = i % 2 == 0;
      String pseudonym = String.format("Student Q%03d", i);
      db.update(
          "INSERT INTO lti_activity_users (activity_id, user_email, user_name, role, pseudonym,"
              + " consent_given_at, consent_notice_version, last_access_at, access_count,"
              + " created_at) VALUES (?, ?, ?, 'STUDENT', ?, ?, ?, ?, ?, ?)",
          activity,
          "seed" + i + "_" + placement + "@lamb-lti.local",
          "seed" + i,
          pseudonym,
          consented ? now.minusDays(20) : null,
          consented ? noticeVersion : null,
          // Groups of ten seen at the same moment: paging must still neither skip nor repeat.
          now.minusHours(i / 10),
          i % 7 + 1,
          now.minusDays(20).plusMinutes(i));
      long id =
          db.count(
              "SELECT id FROM lti_activity_users WHERE activity_id = ? AND pseudonym = ?",
              activity,
              pseudonym);
      students.add(new Student(id, i, pseudonym, consented));
    }
    for (int j = 0; j < conversations; j++) {
      Student who = students.get(j % people);
      long assistant = j % 3 == 0 ? chemistry : physics;
      LocalDateTime begun = today.minusDays(j % 15).atTime(0, 10).plusMinutes(j);
      String title =
          switch (j) {
            case 0 -> "=HYPERLINK(\"http://example.com/x\",\"click\")";
            case 2 -> "Forces, \"friction\" and\nslopes";
            default -> "Topic " + j;
          };
      List<String> texts = new ArrayList<>();
      for (int k = 0; k <= j % 4; k++) {
        texts.add(
            switch (j * 10 + k) {
              case 0 -> "@SUM(A1:A9)";
              case 60 -> "-2+3 is what?";
              case 61 -> "+1, I think";
              default -> "Message " + k + " of chat " + j;
            });
      }
      db.update(
          "INSERT INTO conversations (activity_id, activity_user_id, assistant_id, title,"
              + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
          activity,
          who.id(),
          assistant,
          title,
          begun,
          begun.plusMinutes(texts.size()));
      long id =
          db.count(
              "SELECT MAX(id) FROM conversations WHERE activity_user_id = ? AND created_at = ?",
              who.id(),
              begun);
      for (int k = 0; k < texts.size(); k++) {
        db.update(
            "INSERT INTO chat_messages (conversation_id, role, content, status, created_at)"
                + " VALUES (?, ?, ?, 'COMPLETE', ?)",
            id,
            k % 2 == 0 ? "USER" : "ASSISTANT",
            texts.get(k),
            begun.plusMinutes(k + 1));
      }
      chats.add(new Chat(id, who, assistant, begun, title, texts));
    }
  }

  /** The Authorization header of the owner's dashboard token. */
  public String[] owner() {
    return new String[] {"Authorization", "Bearer " + ownerToken, "Accept", "application/json"};
  }
}
