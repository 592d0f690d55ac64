package org.ltibridge.learning.control;

import java.time.Clock;
import javax.sql.DataSource;
import org.ltibridge.system.control.DatabaseKind;

/** {@link Scores} wired by hand on a plain data source, as CDI wires it in the server. */
final class ScoresWiring {

  private ScoresWiring() {}

  static Scores scores(DataSource db, Clock clock) {
    Scores scores = new Scores();
    scores.dataSource = db;
    scores.clock = clock;
    scores.database = new DatabaseKind(db);
    scores.targets = new ScoreTargets();
    scores.startGroups();
    return scores;
  }
}
