package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AtCommitTest {

  /** A registry with one transaction whose end the test triggers, or none ({@code active}). */
  static final class Registry implements TransactionSynchronizationRegistry {
    final boolean active;
    final List<Synchronization> registered = new ArrayList<>();

    Registry(boolean active) {
      this.active = active;
    }

    void end(int status) {
      registered.forEach(s -> s.afterCompletion(status));
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
      if (!active) {
        throw new IllegalStateException("no transaction");
      }
      registered.add(sync);
    }

    @Override
    public Object getTransactionKey() {
      return active ? this : null;
    }

    @Override
    public void putResource(Object key, Object value) {}

    @Override
    public Object getResource(Object key) {
      return null;
    }

    @Override
    public int getTransactionStatus() {
      return active ? Status.STATUS_ACTIVE : Status.STATUS_NO_TRANSACTION;
    }

    @Override
    public void setRollbackOnly() {}

    @Override
    public boolean getRollbackOnly() {
      return false;
    }
  }

  @Test
  void forgetsNowAndAgainWhenTheTransactionEndsWhateverItsOutcome() {
    for (int outcome : new int[] {Status.STATUS_COMMITTED, Status.STATUS_ROLLEDBACK}) {
      Registry registry = new Registry(true);
      AtomicInteger forgotten = new AtomicInteger();
      AtCommit.forgetNowAndAtEnd(registry, forgotten::incrementAndGet);
      assertEquals(1, forgotten.get(), "now");
      registry.end(outcome);
      assertEquals(2, forgotten.get(), "and at the end");
    }
  }

  @Test
  void withoutATransactionOrRegistryItForgetsOnce() {
    AtomicInteger forgotten = new AtomicInteger();
    AtCommit.forgetNowAndAtEnd(new Registry(false), forgotten::incrementAndGet);
    AtCommit.forgetNowAndAtEnd(null, forgotten::incrementAndGet);
    assertEquals(2, forgotten.get());
  }
}
