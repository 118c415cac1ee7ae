package org.parley.history.contract.event;

import java.util.List;
import org.parley.history.contract.value.Lists;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.SourceKind;

/** A source was registered, with its provenance (the source it republishes, the sources it rests on). */
public record SourceRegistered(
        String sourceId,
        String title,
        String outlet,
        List<String> authors,
        SourceKind kind,
        Publication publication,
        String url,
        String language,
        String republicationOf,
        List<String> restsOn)
        implements LedgerEvent {

    public SourceRegistered {
        authors = Lists.immutable(authors);
        restsOn = Lists.immutable(restsOn);
    }

    @Override
    public String aggregateId() {
        return sourceId;
    }
}
