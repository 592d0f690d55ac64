package org.ltibridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The line in front of an organisation's model endpoint: first come, first served, and told. */
class ModelGateTest {

  private final ModelGate gate = ModelGate.withDefaultLimit(2);
  private final List<String> heard = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    gate.stop();
  }

  private final class Person implements ModelGate.Waiter {
    final String name;
    ModelGate.Ticket ticket;

    Person(String name) {
      this.name = name;
    }

    @Override
    public void turn(ModelGate.Ticket ticket) {
      heard.add(name + " turn");
    }

    @Override
    public void tick(int place) {
      heard.add(name + " " + place);
    }
  }

  private Person enter(String name, long org, OptionalInt limit) {
    Person p = new Person(name);
    p.ticket = gate.enter(org, limit, p);
    return p;
  }

  @Test
  void beyondTheLimitPeopleWaitAreToldTheirPlaceAndGetTheirTurnInOrder() {
    Person a = enter("a", 1, OptionalInt.empty());
    Person b = enter("b", 1, OptionalInt.empty());
    Person c = enter("c", 1, OptionalInt.empty());
    Person d = enter("d", 1, OptionalInt.empty());
    assertEquals(List.of("a turn", "b turn", "c 1", "d 2"), heard);

    heard.clear();
    b.ticket.leave();
    a.ticket.leave();
    assertEquals(List.of("c turn", "d turn"), heard);
    c.ticket.leave();
    d.ticket.leave();
  }

  @Test
  void whoLeavesTheLineWhileWaitingMakesNobodyRunAndIsNotCalledLater() {
    Person a = enter("a", 1, OptionalInt.of(1));
    Person b = enter("b", 1, OptionalInt.of(1));
    Person c = enter("c", 1, OptionalInt.of(1));
    b.ticket.leave();
    heard.clear();

    a.ticket.leave();
    a.ticket.leave(); // a second leave changes nothing
    assertEquals(List.of("c turn"), heard);
    c.ticket.leave();
  }

  @Test
  void eachOrganisationHasItsOwnLineAndItsOwnLimit() {
    enter("a", 1, OptionalInt.of(1));
    enter("b", 2, OptionalInt.of(1));
    enter("c", 1, OptionalInt.of(1));
    enter("d", 3, OptionalInt.of(3));
    enter("e", 3, OptionalInt.of(3));
    assertEquals(List.of("a turn", "b turn", "c 1", "d turn", "e turn"), heard);
  }

  /** The start-up check states the setting's range again (system imports no capability). */
  @Test
  void theStartUpCheckAcceptsTheSameRangeAsTheGate() {
    java.util.function.Function<Integer, List<String>> check =
        n ->
            org.ltibridge.system.control.ConfigurationCheck.problems(
                key ->
                    java.util.Optional.ofNullable(
                        ModelGate.DEFAULT_LIMIT_KEY.equals(key) ? String.valueOf(n) : null));
    assertEquals(List.of(), check.apply(ModelGate.MIN_LIMIT));
    assertEquals(List.of(), check.apply(ModelGate.MAX_LIMIT));
    assertEquals(1, check.apply(ModelGate.MIN_LIMIT - 1).size());
    assertEquals(1, check.apply(ModelGate.MAX_LIMIT + 1).size());
  }

  @Test
  void aRaisedLimitLetsTheWaitingInAtOnce() {
    List<Person> people = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      people.add(enter(name, 1, OptionalInt.of(1)));
    }
    heard.clear();
    enter("d", 1, OptionalInt.of(4));
    assertEquals(List.of("d 3", "b turn", "c turn", "d turn"), heard);
  }
}
