package org.parley.history.service.sources.read;

import java.util.List;
import org.parley.history.service.readmodel.ReadWindow;
import org.parley.history.service.sources.read.SourceProvenance.SupportedAccount;

/**
 * The accounts a source supports, as the events' read model holds them. Events cite sources, so the events' read
 * side knows sources and answers this; the sources' read side asks through it and never imports events.
 */
public interface SupportedAccounts {

    /** In force at (asOf, recordedAsOf) or retracted by then, in event and account order. */
    List<SupportedAccount> of(String sourceId, ReadWindow window);
}
