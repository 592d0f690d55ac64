package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;

/** Simultaneous first arrivals: one identity per student, one owner per activity. */
class RacesIT extends ItBase {

  static <T> List<T> allAtOnce(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manySimultaneousFirstLaunchesOfOneStudentCreateOneIdentity() throws Exception {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Activities.configure(lms, placement, false);
    Person student = Person.student();
    List<Callable<Http.Res>> launches = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Map<String, String> signed = lms.signed(lms.params(student, placement));
      launches.add(() -> http().postForm(Lms.UNIFIED, Lms.body(signed)));
    }
    for (Http.Res r : allAtOnce(launches)) {
      assertEquals(303, r.status(), r.body());
      assertTrue(r.location().startsWith("/lamb/v1/lti/chat?token="));
    }
    assertEquals(1, db().rowsOf("lti_activity_users", placement));
    assertEquals(
        "12",
        db().string(
                "SELECT CAST(u.access_count AS VARCHAR(10)) FROM lti_activity_users u JOIN lti_activities a"
                    + " ON a.id = u.activity_id WHERE a.resource_link_id = ?",
                placement));
  }

  @Test
  void twoInstructorsConfiguringAtOnceMakeExactlyOneOwner() throws Exception {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    String colleague = "rival-" + UUID.randomUUID() + "@example.edu";
    db().creator(colleague);
    String a =
        lms.launch(Person.instructor(UnifiedLaunchIT.DEMO_INSTRUCTOR), placement).locationToken();
    String b = lms.launch(Person.instructor(colleague), placement).locationToken();
    long physics = db().demoAssistant("Physics Tutor");
    List<Http.Res> results =
        allAtOnce(
            List.of(
                () ->
                    http()
                        .postForm(
                            "/lamb/v1/lti/configure", "token=" + a + "&assistant_ids=" + physics),
                () ->
                    http()
                        .postForm(
                            "/lamb/v1/lti/configure", "token=" + b + "&assistant_ids=" + physics)));
    for (Http.Res r : results) {
      assertEquals(303, r.status(), r.body());
      assertTrue(
          r.location().startsWith("/lamb/v1/lti/dashboard?token="), "both see the dashboard");
    }
    assertEquals(
        1, db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", placement));
    String owner =
        db().string("SELECT owner_email FROM lti_activities WHERE resource_link_id = ?", placement);
    assertTrue(owner.equals(UnifiedLaunchIT.DEMO_INSTRUCTOR) || owner.equals(colleague), owner);

    int managers = 0;
    for (Http.Res r : results) {
      if (http().follow(r).body().contains("id=\"manage-form\"")) {
        managers++;
      }
    }
    assertEquals(1, managers, "only the owner's dashboard offers Manage assistants");
  }
}
