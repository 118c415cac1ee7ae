package org.parley.history.contract.command;

import java.util.List;
import org.parley.history.contract.value.Lists;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.SourceKind;

/**
 * Register a document or utterance that reports something, with its provenance: the source it republishes and
 * the sources it rests on, both already registered.
 */
public record RegisterSource(
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
        implements ParleyCommand {

    public RegisterSource {
        authors = Lists.immutable(authors);
        restsOn = Lists.immutable(restsOn);
    }

    @Override
    public String targetId() {
        return sourceId;
    }
}
