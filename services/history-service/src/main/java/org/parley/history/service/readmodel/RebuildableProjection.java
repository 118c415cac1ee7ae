package org.parley.history.service.readmodel;

import java.util.List;

/**
 * A projection of the read model, which a rebuild fills again from the ledger's first event into a new version of
 * its tables (see {@link ReadModelVersions}).
 */
public interface RebuildableProjection {

    /**
     * Forgets what it remembers between batches (it reads it back from its tables when asked again); a rebuild's
     * start makes it forget everything, which the new version's tables do not hold yet.
     */
    default void forget() {}

    /** Its tables, which every version of the read model has, and a new version is made with. */
    List<String> tables();
}
