package org.parley.history.contract.event;

/**
 * A fact on Parley's ledger: immutable, past tense, carrying the citation it rests on. The ledger keeps, beside
 * each event, who recorded it, when, and the correlation, causation and command ids of the request that caused it.
 */
public sealed interface LedgerEvent
        permits SourceRegistered,
                DiplomaticEventReported,
                AccountRecorded,
                AccountCorrected,
                AccountRetracted,
                EventsLinked,
                AccountFlagged,
                FlagCorrected,
                FlagRetracted,
                NarrativeDefined,
                NarrativeRevised {

    /** The source, diplomatic event or narrative this event belongs to; events of one aggregate are ordered. */
    String aggregateId();
}
