package org.parley.history.service.readmodel;

import java.util.List;

/** A projection of the read model, which a rebuild empties and fills again from the ledger's first event. */
public interface RebuildableProjection {

    /** Empties this projection's own tables and forgets what it remembered, inside the rebuild's transaction. */
    void reset();

    /** Forgets what it remembers between batches (it reads it back from its tables when asked again). */
    default void forget() {}

    /** Its tables, whose planner statistics are refreshed when a rebuild is done. */
    List<String> tables();
}
