package org.ltibridge.system.control;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs a cache's forgetting now and again when the current transaction has ended, committed or not
 * (Jakarta Transactions 2.0, §3.3.2: interposed synchronisations run after the transaction
 * completes). Forgetting only now would let a read made before the commit put the old value back;
 * forgetting only then would serve the old value to this transaction's own later reads.
 */
public final class AtCommit {

  private AtCommit() {}

  /**
   * {@code forgetting} now, and after the transaction {@code transactions} knows of, if there is
   * one (none in plain unit tests, where {@code transactions} is null, or outside a transaction).
   */
  public static void forgetNowAndAtEnd(
      TransactionSynchronizationRegistry transactions, Runnable forgetting) {
    forgetting.run();
    if (transactions == null) {
      return;
    }
    try {
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {
              // nothing to do before
            }

            @Override
            public void afterCompletion(int status) {
              forgetting.run();
            }
          });
    } catch (IllegalStateException noTransaction) {
      // Not in a transaction: forgotten above, and nothing is pending.
    }
  }
}
