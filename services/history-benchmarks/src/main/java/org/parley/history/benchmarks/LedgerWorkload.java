package org.parley.history.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.DiplomaticEventKind;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Precision;

/**
 * Ledger events shaped like the service's: DiplomaticEvent aggregates, each opened by a DiplomaticEventReported and
 * then collecting AccountRecorded events, with the metadata the service adds to every event. Events are dealt out
 * round-robin over the aggregates, so consecutive writes hit different aggregates, as independent editors would.
 * Content is fixed by the seed; message identifiers and timestamps are new on every call.
 */
final class LedgerWorkload {

    static final String AGGREGATE_TYPE = "DiplomaticEvent";

    private static final LocalDate FIRST_DAY = LocalDate.of(2022, 2, 24);
    private static final String[] PLACES = {
        "Istanbul",
        "Geneva",
        "Minsk",
        "Doha",
        "Vienna",
        "Oslo",
        "Jeddah",
        "Astana",
        "Helsinki",
        "Ankara",
        "Brussels",
        "Riyadh"
    };
    private static final String[] PEOPLE = {
        "Foreign Minister Halvard Senn",
        "Deputy Minister Iria Calloway",
        "Ambassador Tomas Reuel",
        "Envoy Maren Oduya",
        "Presidential adviser Ilkka Varn",
        "Chief negotiator Dario Mensah",
        "Mediator Lotte Brandvik",
        "Defence attaché Osric Pell",
        "Special representative Nadia Quill",
        "Secretary Emil Faraday",
        "Host minister Selin Arkay",
        "Observer mission head Joran Vass"
    };
    private static final String[] SUBJECTS = {
        "The two delegations",
        "Senior negotiators from both sides",
        "The mediator's office",
        "A joint working group",
        "The foreign ministers",
        "Military representatives"
    };
    private static final String[] ACTIONS = {
        "met for another round of talks on",
        "exchanged written proposals on",
        "went through the draft text on",
        "held closed consultations about",
        "reported slow progress on",
        "set out opposing positions on"
    };
    private static final String[] TOPICS = {
        "the withdrawal timetable for the border districts",
        "prisoner exchanges and the return of detained civilians",
        "grain shipments through the southern ports",
        "observers along the line of contact",
        "security guarantees from third countries",
        "the status of the disputed river islands",
        "humanitarian corridors out of the besieged towns"
    };
    private static final String[] ENDINGS = {
        "; the account says sequencing remained unresolved.",
        ", and both sides agreed to meet again within two weeks.",
        ", while the host described the atmosphere as constructive.",
        "; officials declined to confirm the figures reported in the press.",
        ". No joint statement was issued afterwards.",
        ", according to a participant who spoke on condition of anonymity."
    };
    private static final String[] QUOTES = {
        "we are closer than we were a month ago, but not close enough",
        "nothing is agreed until everything is agreed",
        "the text on the table is a basis, not a result",
        "our position on the islands has not changed and will not change"
    };
    private static final String[] PROPOSALS = {
        "a phased withdrawal over ninety days",
        "a standing humanitarian channel",
        "an international monitoring mission",
        "a freeze on new deployments near the ports"
    };
    private static final String[] OUTCOMES = {
        "talks adjourned without a date",
        "a joint communiqué was drafted",
        "both delegations returned to their capitals for consultations",
        "a follow-up round was scheduled"
    };

    private final int aggregates;
    private final long seed;

    LedgerWorkload(int aggregates, long seed) {
        this.aggregates = aggregates;
        this.seed = seed;
    }

    /** Event {@code i} goes to aggregate {@code i % aggregates} with sequence number {@code i / aggregates}. */
    List<DomainEventMessage<?>> generate(int events) {
        Random random = new Random(seed);
        String[] aggregateIds = new String[aggregates];
        for (int a = 0; a < aggregates; a++) {
            aggregateIds[a] = String.format("event-%04d-%08x", a, random.nextInt());
        }
        List<DomainEventMessage<?>> messages = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            String aggregateId = aggregateIds[i % aggregates];
            long sequence = i / aggregates;
            Object payload = sequence == 0 ? reported(aggregateId, random) : recorded(aggregateId, sequence, random);
            messages.add(
                    new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, sequence, payload, metadata(random)));
        }
        return messages;
    }

    /** The aggregate whose events {@link EventStoreAppendBenchmark} reads back after a run, and how many it has. */
    String firstAggregateId() {
        return String.format("event-%04d-%08x", 0, new Random(seed).nextInt());
    }

    long eventsOfFirstAggregate(int events) {
        return (events + aggregates - 1) / aggregates;
    }

    private static DiplomaticEventReported reported(String eventId, Random random) {
        DiplomaticEventKind kind = pick(DiplomaticEventKind.values(), random);
        String title = pick(SUBJECTS, random) + " " + pick(ACTIONS, random) + " " + pick(TOPICS, random) + " in "
                + pick(PLACES, random);
        return new DiplomaticEventReported(eventId, kind, title, citation(random));
    }

    private static AccountRecorded recorded(String eventId, long sequence, Random random) {
        String accountId = String.format("account-%s-%03d", eventId.substring(6), sequence);
        LocalDate from = FIRST_DAY.plusDays(random.nextInt(400));
        OccurredTime occurred = random.nextInt(5) == 0
                ? new OccurredTime(
                        new Moment(Precision.MONTH, from.toString().substring(0, 7)), null, random.nextInt(3) == 0)
                : OccurredTime.between(
                        from.toString(), from.plusDays(random.nextInt(4)).toString());
        List<String> participants = new ArrayList<>();
        int count = 2 + random.nextInt(4);
        for (int p = 0; p < count; p++) {
            String person = pick(PEOPLE, random);
            if (!participants.contains(person)) {
                participants.add(person);
            }
        }
        AccountClaims claims = new AccountClaims(
                occurred,
                pick(PLACES, random),
                participants,
                sometimes(PROPOSALS, random),
                sometimes(PROPOSALS, random),
                sometimes(PROPOSALS, random),
                sometimes(OUTCOMES, random),
                summary(random));
        return new AccountRecorded(eventId, accountId, citation(random), claims);
    }

    private static Citation citation(Random random) {
        String sourceId = String.format("source-%03d", random.nextInt(200));
        String locator =
                switch (random.nextInt(3)) {
                    case 0 -> "¶" + (1 + random.nextInt(40));
                    case 1 -> "p. " + (1 + random.nextInt(12));
                    default -> String.format("00:%02d:%02d", random.nextInt(60), random.nextInt(60));
                };
        String quote = random.nextInt(4) == 0 ? pick(QUOTES, random) : null;
        return new Citation(sourceId, locator, quote);
    }

    /** About 200 characters in the editor's words, as the service's summaries are. */
    private static String summary(Random random) {
        StringBuilder summary = new StringBuilder();
        while (summary.length() < 170) {
            if (!summary.isEmpty()) {
                summary.append(' ');
            }
            summary.append(pick(SUBJECTS, random))
                    .append(' ')
                    .append(pick(ACTIONS, random))
                    .append(' ')
                    .append(pick(TOPICS, random))
                    .append(pick(ENDINGS, random));
        }
        if (summary.length() > 240) {
            summary.setLength(summary.lastIndexOf(" ", 236));
            summary.append(" …");
        }
        return summary.toString();
    }

    private static Map<String, Object> metadata(Random random) {
        return Map.of(
                "recordedBy", String.format("editor-%02d", random.nextInt(25)),
                "correlationId", UUID.randomUUID().toString(),
                "commandId", UUID.randomUUID().toString(),
                "causationId", UUID.randomUUID().toString());
    }

    private static String sometimes(String[] values, Random random) {
        return random.nextInt(5) < 2 ? pick(values, random) : null;
    }

    private static <T> T pick(T[] values, Random random) {
        return values[random.nextInt(values.length)];
    }
}
