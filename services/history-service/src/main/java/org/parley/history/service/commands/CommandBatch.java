package org.parley.history.service.commands;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many commands in one database transaction, each in a savepoint of its own: a refused command leaves nothing
 * behind and the others go on, and the whole batch costs one commit instead of one per command. Commands run in the
 * order given, so two for the same aggregate keep their order. Nothing in a batch counts as written until
 * {@link #dispatchAll} returns: when the commit fails, it throws and every command of the batch is undone.
 */
@Component
public class CommandBatch {

    /** One command of a batch. */
    @FunctionalInterface
    public interface Command<R> {
        R dispatch() throws Exception;
    }

    /** How one command of a batch fared: its result, or why it was refused. */
    public record Outcome<R>(R result, Exception refusal) {}

    private final TransactionTemplate transactions;

    CommandBatch(PlatformTransactionManager transactions) {
        this.transactions = new TransactionTemplate(transactions);
    }

    public <R> List<Outcome<R>> dispatchAll(List<? extends Command<R>> commands) {
        return transactions.execute(status -> {
            List<Outcome<R>> outcomes = new ArrayList<>(commands.size());
            for (Command<R> command : commands) {
                Object savepoint = status.createSavepoint();
                try {
                    R result = command.dispatch();
                    status.releaseSavepoint(savepoint);
                    outcomes.add(new Outcome<>(result, null));
                } catch (Exception refused) {
                    status.rollbackToSavepoint(savepoint);
                    outcomes.add(new Outcome<>(null, refused));
                }
            }
            return outcomes;
        });
    }
}
