package org.parley.history.service.commands;

import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.EventsLinked;
import org.parley.history.contract.event.NarrativeDefined;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.Precision;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.PublicationBasis;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ids the ledger holds, kept by a subscribing processor in the transaction that appends the event, so that a
 * command that cites a source registered a moment earlier sees it.
 */
@Component
@ProcessingGroup(KnownEntityProjection.PROCESSING_GROUP)
class KnownEntityProjection implements LedgerLookup {

    static final String PROCESSING_GROUP = "ledger-lookup";

    private final JdbcTemplate jdbc;

    KnownEntityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SourceRegistered event) {
        remember(EntityKind.SOURCE, event.sourceId(), event.sourceId());
        Publication publication = event.publication();
        jdbc.update(
                "INSERT INTO known_source_publication (source_id, basis, precision, value) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (source_id) DO NOTHING",
                event.sourceId(),
                publication.basis().name(),
                publication.time().precision().name(),
                publication.time().value());
    }

    @EventHandler
    void on(DiplomaticEventReported event) {
        remember(EntityKind.EVENT, event.eventId(), event.eventId());
    }

    @EventHandler
    void on(AccountRecorded event) {
        remember(EntityKind.ACCOUNT, event.accountId(), event.eventId());
    }

    @EventHandler
    void on(EventsLinked event) {
        remember(EntityKind.LINK, event.linkId(), event.eventId());
    }

    @EventHandler
    void on(NarrativeDefined event) {
        remember(EntityKind.NARRATIVE, event.narrativeId(), event.narrativeId());
    }

    private void remember(EntityKind kind, String id, String aggregateId) {
        jdbc.update(
                "INSERT INTO known_entity (kind, entity_id, aggregate_id) VALUES (?, ?, ?)"
                        + " ON CONFLICT (kind, entity_id) DO NOTHING",
                kind.name(),
                id,
                aggregateId);
    }

    @Override
    public boolean exists(EntityKind kind, String id) {
        return ownerOf(kind, id).isPresent();
    }

    @Override
    public Optional<String> ownerOf(EntityKind kind, String id) {
        return jdbc
                .queryForList(
                        "SELECT aggregate_id FROM known_entity WHERE kind = ? AND entity_id = ?",
                        String.class,
                        kind.name(),
                        id)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<Publication> publicationOf(String sourceId) {
        return jdbc
                .query(
                        "SELECT basis, precision, value FROM known_source_publication WHERE source_id = ?",
                        (row, n) -> new Publication(
                                new Moment(Precision.valueOf(row.getString(2)), row.getString(3)),
                                PublicationBasis.valueOf(row.getString(1)),
                                null),
                        sourceId)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<EntityKind> aggregateKindOf(String id) {
        return jdbc
                .queryForList(
                        "SELECT kind FROM known_entity WHERE entity_id = ? AND kind IN ('SOURCE', 'EVENT',"
                                + " 'NARRATIVE')",
                        String.class,
                        id)
                .stream()
                .findFirst()
                .map(EntityKind::valueOf);
    }
}
