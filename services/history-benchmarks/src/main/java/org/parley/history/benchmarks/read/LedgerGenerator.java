package org.parley.history.benchmarks.read;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.parley.history.contract.event.AccountCorrected;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.AccountRetracted;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.EventsLinked;
import org.parley.history.contract.event.LedgerEvent;
import org.parley.history.contract.event.NarrativeDefined;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.DiplomaticEventKind;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Precision;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.PublicationBasis;
import org.parley.history.contract.value.SourceKind;

/**
 * A ledger shaped like the real one, of exactly {@code total} ledger events, fixed by a seed. It obeys the rules
 * the aggregates enforce: accounts, corrections, retractions and links cite sources registered before them;
 * corrections and retractions point at a live account of their own event; links point at an event reported
 * earlier and, when they name an account, at an account of their own event; account, link, correction and
 * retraction ids are unique across the ledger; narratives name sources, accounts and links already on it.
 *
 * <p>The shape: about one source per 500 ledger events over 40 outlets (publication known to the day, to the month,
 * inferred or unknown; some republications and sources resting on others); diplomatic events between 2000 and
 * 2024, each with about 8 accounts from different sources that disagree on when, where, who and how it ended;
 * 3% of accounts corrected, 1% retracted; one link per two events. Two narratives, {@code bench-a} (by source ids)
 * and {@code bench-b} (by outlet), hold about 800 events each and share 550 of them; three more select by outlet,
 * by source and by listed accounts and links. Each event gathers its accounts over a stretch of the ledger while
 * other events do the same, as independent editors would write them.
 */
final class LedgerGenerator {

    static final String BENCH_A = "bench-a";
    static final String BENCH_B = "bench-b";
    static final String BENCH_A_OUTLET = "Bench Alpha Review";
    static final String BENCH_B_OUTLET = "Bench Beta Wire";
    static final int BENCH_SHARED_EVENTS = 550;
    static final int BENCH_ONLY_EVENTS = 250;
    private static final int BENCH_SOURCES = 8;
    private static final int NARRATIVES = 5;

    /** Ledger events per diplomatic event: the report, ~8 accounts, 4% of them corrected or retracted, ½ link. */
    private static final double LEDGER_EVENTS_PER_EVENT = 1 + 8 * 1.04 + 0.5;

    private static final LocalDate FIRST_OCCURRED = LocalDate.of(2000, 1, 1);
    private static final LocalDate LAST_OCCURRED = LocalDate.of(2024, 9, 30);
    private static final LocalDate FIRST_PUBLISHED = LocalDate.of(2000, 3, 1);
    private static final LocalDate LAST_PUBLISHED = LocalDate.of(2024, 12, 31);

    private static final String[] OUTLET_FIRST = {
        "Northern",
        "Baltic",
        "Continental",
        "Atlantic",
        "Eastern",
        "Capital",
        "Harbour",
        "Union",
        "Evening",
        "Morning",
        "Global",
        "Republic",
        "Danube"
    };
    private static final String[] OUTLET_SECOND = {
        "Courier", "Herald", "Gazette", "Review", "Times", "Dispatch", "Wire", "Monitor", "Observer", "Ledger"
    };
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
        "Riyadh",
        "Antalya",
        "Gomel",
        "Warsaw",
        "Kyiv",
        "Moscow",
        "Paris",
        "Berlin",
        "Rome",
        "Vatican City",
        "Abu Dhabi",
        "Tehran",
        "Beijing",
        "New Delhi",
        "Cairo",
        "Baku",
        "Yerevan",
        "Tbilisi",
        "Chisinau",
        "Bucharest",
        "Budapest",
        "Belgrade",
        "Sochi",
        "Bali",
        "Hiroshima",
        "Washington",
        "London",
        "Madrid",
        "Lisbon"
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
        "Observer mission head Joran Vass",
        "President Aurel Stanek",
        "Prime Minister Edda Holm",
        "Chancellor Piet Varga",
        "Envoy Kasim Oren",
        "Adviser Lena Marsh",
        "General Ivo Dragan",
        "Minister Ruth Okafor",
        "Senator Colm Reyes",
        "Ambassador Mila Tsonev",
        "Negotiator Yusuf Alder",
        "Spokesman Tor Brekke",
        "Delegate Anya Kowal",
        "Mediator Sven Aalto",
        "Minister Farid Nasser",
        "Deputy Ilse Brandt",
        "Envoy Paolo Ferri",
        "Adviser Jun Takeda",
        "Secretary-General Ama Owusu"
    };
    private static final String[] AUTHORS = {
        "Hanne Solberg",
        "Marek Zielinski",
        "Clara Voss",
        "Daniel Okoro",
        "Sofia Brandt",
        "Ivan Petrenko",
        "Lucia Moretti",
        "Tom Hadley",
        "Aiko Mori",
        "Pieter de Vries",
        "Nora Lind",
        "Omar Haddad",
        "Eva Kral",
        "Felix Arendt",
        "Grace Mbeki",
        "Jonas Berg"
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
        "met for another round of talks on", "exchanged written proposals on", "went through the draft text on",
        "held closed consultations about", "reported slow progress on", "set out opposing positions on"
    };
    private static final String[] TOPICS = {
        "the withdrawal timetable for the border districts", "prisoner exchanges and the return of detained civilians",
        "grain shipments through the southern ports", "observers along the line of contact",
        "security guarantees from third countries", "the status of the disputed river islands",
        "humanitarian corridors out of the besieged towns"
    };
    private static final String[] ENDINGS = {
        "; the account says sequencing remained unresolved.",
        ", and both sides agreed to meet again within two weeks.",
        ", while the host described the atmosphere as constructive.",
        "; officials declined to confirm the figures reported in the press.",
        ". No joint statement was issued.",
        ", according to a participant who spoke on condition of anonymity."
    };
    private static final String[] QUOTES = {
        "we are closer than we were a month ago, but not close enough", "nothing is agreed until everything is agreed",
        "the text on the table is a basis, not a result", "our position on the islands has not changed"
    };
    private static final String[] PROPOSALS = {
        "a phased withdrawal over ninety days",
        "a standing humanitarian channel",
        "an international monitoring mission",
        "a freeze on new deployments near the ports",
        "neutral status with guarantees from five states",
        "a referendum under international supervision",
        "a prisoner exchange of all for all"
    };
    private static final String[] OUTCOMES = {
        "talks adjourned without a date",
        "a joint communiqué was drafted",
        "both delegations returned to their capitals for consultations",
        "a follow-up round was scheduled",
        "one side walked out",
        "the mediator announced a framework",
        "the draft was shelved"
    };
    private static final String[] LANGUAGES = {"en", "en", "en", "en", "de", "fr", "ru", "uk", "tr", "es"};

    /** A ledger event and where in the ledger it goes: the ledger is ordered by {@code at}. */
    record Planned(double at, String aggregateType, LedgerEvent payload) {}

    /** What was generated, in ledger order, and the facts a reader of the result may want. */
    record Ledger(
            List<Planned> events,
            int sources,
            int diplomaticEvents,
            int accounts,
            int corrections,
            int retractions,
            int links,
            int narratives,
            List<String> benchASourceIds,
            int benchAEvents,
            int benchBEvents,
            int benchSharedEvents) {}

    private static final class Source {
        final String id;
        final String outlet;
        final Publication publication;
        /** When the source counts as reported from, for choosing which events it can plausibly report. */
        final LocalDate publishedBy;

        final double registeredAt;
        final boolean bench;

        Source(
                String id,
                String outlet,
                Publication publication,
                LocalDate publishedBy,
                double registeredAt,
                boolean bench) {
            this.id = id;
            this.outlet = outlet;
            this.publication = publication;
            this.publishedBy = publishedBy;
            this.registeredAt = registeredAt;
            this.bench = bench;
        }
    }

    private static final class Account {
        final String id;
        final int event;
        final Source source;
        final double at;
        boolean corrected;
        boolean retracted;

        Account(String id, int event, Source source, double at) {
            this.id = id;
            this.event = event;
            this.source = source;
            this.at = at;
        }
    }

    private final long seed;

    LedgerGenerator(long seed) {
        this.seed = seed;
    }

    Ledger generate(int total) {
        Random random = new Random(seed);
        int sourceCount = Math.max(100, total / 500);
        int budget = total - sourceCount - NARRATIVES;
        int eventCount = (int) Math.round(budget / LEDGER_EVENTS_PER_EVENT);
        if (eventCount < 2 * (BENCH_SHARED_EVENTS + 2 * BENCH_ONLY_EVENTS)) {
            throw new IllegalArgumentException(
                    "a ledger of " + total + " events is too small for the bench narratives;" + " use at least 25,000");
        }
        int linkCount = eventCount / 2;
        int accountsAndFixes = budget - eventCount - linkCount;
        int accountCount = (int) Math.floor(accountsAndFixes / 1.04);
        int correctionCount = (int) Math.round(accountCount * 0.03);
        int retractionCount = (int) Math.round(accountCount * 0.01);
        accountCount = accountsAndFixes - correctionCount - retractionCount;

        List<Planned> planned = new ArrayList<>(total);

        // Sources: the first quarter (and the bench sources) are on the ledger before anything else; the rest are
        // registered while events are being written.
        String[] outlets = outlets(random);
        List<Source> sources = new ArrayList<>(sourceCount);
        List<Source> benchA = new ArrayList<>();
        List<Source> benchB = new ArrayList<>();
        double[] laterRegistrations = new double[sourceCount];
        for (int i = 0; i < sourceCount; i++) {
            laterRegistrations[i] = random.nextDouble() * 0.9;
        }
        Arrays.sort(laterRegistrations);
        for (int i = 0; i < sourceCount; i++) {
            String id = String.format("src-%05d", i);
            boolean bench = i < 2 * BENCH_SOURCES;
            boolean early = i < sourceCount / 4;
            double registeredAt = early ? -1 + i * 1e-7 : laterRegistrations[i];
            String outlet = bench
                    ? (i < BENCH_SOURCES ? BENCH_A_OUTLET : BENCH_B_OUTLET)
                    : outlets[(int) Math.floor(outlets.length * Math.pow(random.nextDouble(), 1.6))];
            Publication publication =
                    bench ? benchPublication(i % BENCH_SOURCES, i >= BENCH_SOURCES) : publication(random);
            LocalDate publishedBy = publication.time().hasTime()
                    ? LocalDate.ofInstant(publication.time().endExclusive(), ZoneOffset.UTC)
                    : LAST_PUBLISHED;
            Source source = new Source(id, outlet, publication, publishedBy, registeredAt, bench);
            sources.add(source);
            if (bench) {
                (i < BENCH_SOURCES ? benchA : benchB).add(source);
            }
        }
        List<Source> generic = new ArrayList<>();
        for (Source source : sources) {
            String republicationOf = null;
            List<String> restsOn = new ArrayList<>();
            if (!source.bench && generic.size() > 10) {
                if (random.nextInt(100) < 5) {
                    republicationOf = generic.get(random.nextInt(generic.size())).id;
                }
                if (random.nextInt(100) < 12) {
                    int count = 1 + random.nextInt(3);
                    for (int r = 0; r < count; r++) {
                        String other = generic.get(random.nextInt(generic.size())).id;
                        if (!restsOn.contains(other) && !other.equals(republicationOf)) {
                            restsOn.add(other);
                        }
                    }
                }
            }
            planned.add(
                    new Planned(source.registeredAt, "Source", registered(source, republicationOf, restsOn, random)));
            if (!source.bench) {
                generic.add(source);
            }
        }
        double[] genericRegisteredAt =
                generic.stream().mapToDouble(s -> s.registeredAt).toArray();

        // Diplomatic events and how many accounts each gets (at least 3, about 8 on average, exactly accountCount).
        int[] accountsOf = new int[eventCount];
        long sum = 0;
        for (int e = 0; e < eventCount; e++) {
            accountsOf[e] = 3 + random.nextInt(11);
            sum += accountsOf[e];
        }
        while (sum != accountCount) {
            int e = random.nextInt(eventCount);
            if (sum < accountCount && accountsOf[e] < 30) {
                accountsOf[e]++;
                sum++;
            } else if (sum > accountCount && accountsOf[e] > 3) {
                accountsOf[e]--;
                sum--;
            }
        }

        // Which events the bench narratives see: shared ones get an account from a bench-a source and one from a
        // bench-b source; the others one of the two.
        int[] benchRole = new int[eventCount]; // 0 none, 1 A only, 2 B only, 3 both
        List<Integer> order = new ArrayList<>();
        for (int e = 0; e < eventCount; e++) {
            order.add(e);
        }
        java.util.Collections.shuffle(order, random);
        int next = 0;
        for (int k = 0; k < BENCH_SHARED_EVENTS; k++) {
            benchRole[order.get(next++)] = 3;
        }
        for (int k = 0; k < BENCH_ONLY_EVENTS; k++) {
            benchRole[order.get(next++)] = 1;
        }
        for (int k = 0; k < BENCH_ONLY_EVENTS; k++) {
            benchRole[order.get(next++)] = 2;
        }

        List<Account> accounts = new ArrayList<>(accountCount);
        List<List<Account>> accountsByEvent = new ArrayList<>(eventCount);
        double[] reportedAt = new double[eventCount];
        for (int e = 0; e < eventCount; e++) {
            String eventId = eventId(e);
            double at = (e + 0.5) / eventCount * 0.95;
            reportedAt[e] = at;
            LocalDate occurred = FIRST_OCCURRED.plusDays(
                    random.nextInt((int) ChronoUnit.DAYS.between(FIRST_OCCURRED, LAST_OCCURRED) + 1));
            Truth truth = truth(occurred, random);
            Set<Source> used = new HashSet<>();
            List<Account> ofEvent = new ArrayList<>(accountsOf[e]);
            double accountAt = at;
            int benchASlot = benchRole[e] == 1 || benchRole[e] == 3 ? random.nextInt(accountsOf[e]) : -1;
            int benchBSlot = -1;
            if (benchRole[e] == 2 || benchRole[e] == 3) {
                do {
                    benchBSlot = random.nextInt(accountsOf[e]);
                } while (benchBSlot == benchASlot);
            }
            DiplomaticEventReported report = null;
            for (int a = 0; a < accountsOf[e]; a++) {
                accountAt += -Math.log(1 - random.nextDouble()) * 0.004;
                Source source;
                if (a == benchASlot) {
                    source = benchSource(benchA, occurred, random);
                } else if (a == benchBSlot) {
                    source = benchSource(benchB, occurred, random);
                } else {
                    // Sources registered before the report, so that the report can cite the first of them.
                    source = pickSource(generic, genericRegisteredAt, a == 0 ? at : accountAt, occurred, used, random);
                }
                used.add(source);
                if (a == 0) {
                    report = new DiplomaticEventReported(
                            eventId, truth.kind, truth.title, new Citation(source.id, locator(random), null));
                    planned.add(new Planned(at, "DiplomaticEvent", report));
                }
                Account account = new Account(eventId + "." + source.id, e, source, accountAt);
                ofEvent.add(account);
                accounts.add(account);
                planned.add(new Planned(
                        accountAt,
                        "DiplomaticEvent",
                        new AccountRecorded(eventId, account.id, citation(source, random), claims(truth, random))));
            }
            accountsByEvent.add(ofEvent);
        }

        // Corrections and retractions: each of a live account of the same event, after it; none of both.
        int corrections = 0;
        while (corrections < correctionCount) {
            Account account = accounts.get(random.nextInt(accounts.size()));
            if (account.corrected || account.retracted) {
                continue;
            }
            account.corrected = true;
            double at = account.at + -Math.log(1 - random.nextDouble()) * 0.01;
            String eventId = eventId(account.event);
            planned.add(new Planned(
                    at,
                    "DiplomaticEvent",
                    new AccountCorrected(
                            eventId,
                            account.id,
                            String.format("corr-%06d", corrections),
                            new Citation(account.source.id, "correction note", null),
                            correctedClaims(random),
                            laterReport(account.source, random),
                            "The outlet published an erratum.")));
            corrections++;
        }
        int retractions = 0;
        while (retractions < retractionCount) {
            Account account = accounts.get(random.nextInt(accounts.size()));
            if (account.corrected || account.retracted) {
                continue;
            }
            account.retracted = true;
            double at = account.at + -Math.log(1 - random.nextDouble()) * 0.01;
            planned.add(new Planned(
                    at,
                    "DiplomaticEvent",
                    new AccountRetracted(
                            eventId(account.event),
                            account.id,
                            String.format("retr-%06d", retractions),
                            new Citation(account.source.id, "retraction notice", null),
                            laterReport(account.source, random),
                            "The outlet withdrew the story.")));
            retractions++;
        }

        // Links: from an event to one reported earlier (mostly a recent one), asserted by one of its accounts.
        List<String> linkIds = new ArrayList<>(linkCount);
        LinkRelation[] relations = LinkRelation.values();
        for (int l = 0; l < linkCount; l++) {
            int from = 1 + random.nextInt(eventCount - 1);
            int target = Math.max(0, from - 1 - random.nextInt(Math.min(from, 3000)));
            List<Account> ofEvent = accountsByEvent.get(from);
            Account by = ofEvent.get(random.nextInt(ofEvent.size()));
            double at = by.at + -Math.log(1 - random.nextDouble()) * 0.005;
            String linkId = String.format("ln-%06d", l);
            linkIds.add(linkId);
            planned.add(new Planned(
                    at,
                    "DiplomaticEvent",
                    new EventsLinked(
                            eventId(from),
                            linkId,
                            relations[random.nextInt(relations.length)],
                            eventId(target),
                            citation(by.source, random),
                            random.nextInt(10) < 7 ? by.id : null)));
        }

        // Narratives: the four by source or outlet are defined once their sources are on the ledger; the one that
        // lists accounts and links comes last, when they all are.
        planned.add(new Planned(
                -0.5,
                "Narrative",
                new NarrativeDefined(
                        BENCH_A,
                        "Bench A: the Alpha Review's account of the talks",
                        "Every account from the eight sources of the Bench Alpha Review, chosen by source id.",
                        new NarrativeSelection(benchA.stream().map(s -> s.id).toList(), null, null, null))));
        planned.add(new Planned(
                -0.49,
                "Narrative",
                new NarrativeDefined(
                        BENCH_B,
                        "Bench B: the Beta Wire's account of the talks",
                        "Every account from the outlet Bench Beta Wire.",
                        new NarrativeSelection(null, List.of(BENCH_B_OUTLET), null, null))));
        planned.add(new Planned(
                -0.48,
                "Narrative",
                new NarrativeDefined(
                        "outlets-pair",
                        "Two mid-sized outlets",
                        "Every account of two outlets.",
                        new NarrativeSelection(null, List.of(outlets[10], outlets[17]), null, null))));
        List<String> wire = new ArrayList<>();
        List<Source> early = generic.stream().filter(s -> s.registeredAt < -0.5).toList();
        for (int k = 0; k < Math.min(25, early.size()); k++) {
            wire.add(early.get(k * early.size() / Math.min(25, early.size())).id);
        }
        planned.add(new Planned(
                -0.47,
                "Narrative",
                new NarrativeDefined(
                        "wire-selection",
                        "A selection of wire sources",
                        "Twenty-five early sources chosen by id.",
                        new NarrativeSelection(wire, null, null, null))));
        List<String> pickedAccounts = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            pickedAccounts.add(accounts.get((int) ((long) k * accounts.size() / 200)).id);
        }
        List<String> pickedLinks = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            pickedLinks.add(linkIds.get((int) ((long) k * linkIds.size() / 50)));
        }
        planned.add(new Planned(
                10,
                "Narrative",
                new NarrativeDefined(
                        "editor-picks",
                        "Editor's picks",
                        "Two hundred accounts and fifty links an editor chose, and two sources.",
                        new NarrativeSelection(
                                List.of(generic.get(3).id, generic.get(4).id), null, pickedAccounts, pickedLinks))));

        planned.sort(Comparator.comparingDouble(Planned::at));
        if (planned.size() != total) {
            throw new IllegalStateException("planned " + planned.size() + " ledger events, not " + total);
        }
        int benchAEvents = 0;
        int benchBEvents = 0;
        int shared = 0;
        for (int role : benchRole) {
            benchAEvents += role == 1 || role == 3 ? 1 : 0;
            benchBEvents += role == 2 || role == 3 ? 1 : 0;
            shared += role == 3 ? 1 : 0;
        }
        return new Ledger(
                planned,
                sourceCount,
                eventCount,
                accountCount,
                correctionCount,
                retractionCount,
                linkCount,
                NARRATIVES,
                benchA.stream().map(s -> s.id).toList(),
                benchAEvents,
                benchBEvents,
                shared);
    }

    static String eventId(int e) {
        return String.format("ev-%06d", e);
    }

    private record Truth(
            DiplomaticEventKind kind,
            String title,
            LocalDate occurred,
            String place,
            String otherPlace,
            List<String> participants,
            String proposed,
            String outcome,
            String otherOutcome) {}

    private static Truth truth(LocalDate occurred, Random random) {
        DiplomaticEventKind kind = pick(DiplomaticEventKind.values(), random);
        String place = pick(PLACES, random);
        String title =
                pick(SUBJECTS, random) + " " + pick(ACTIONS, random) + " " + pick(TOPICS, random) + " in " + place;
        List<String> participants = new ArrayList<>();
        int count = 2 + random.nextInt(4);
        while (participants.size() < count) {
            String person = pick(PEOPLE, random);
            if (!participants.contains(person)) {
                participants.add(person);
            }
        }
        return new Truth(
                kind,
                title,
                occurred,
                place,
                pick(PLACES, random),
                participants,
                pick(PROPOSALS, random),
                pick(OUTCOMES, random),
                pick(OUTCOMES, random));
    }

    /** One source's version: mostly the same as the others', but not always, and sometimes silent. */
    private static AccountClaims claims(Truth truth, Random random) {
        int when = random.nextInt(100);
        LocalDate day = truth.occurred;
        OccurredTime occurred;
        boolean approximate = random.nextInt(100) < 8;
        if (when < 55) {
            occurred = new OccurredTime(new Moment(Precision.DAY, day.toString()), null, approximate);
        } else if (when < 70) {
            LocalDate other = day.plusDays(random.nextBoolean() ? 1 + random.nextInt(5) : -1 - random.nextInt(5));
            occurred = new OccurredTime(new Moment(Precision.DAY, other.toString()), null, approximate);
        } else if (when < 85) {
            occurred =
                    new OccurredTime(new Moment(Precision.MONTH, day.toString().substring(0, 7)), null, approximate);
        } else if (when < 90) {
            occurred = new OccurredTime(
                    new Moment(Precision.DAY, day.toString()),
                    new Moment(
                            Precision.DAY, day.plusDays(1 + random.nextInt(3)).toString()),
                    approximate);
        } else if (when < 94) {
            occurred = new OccurredTime(new Moment(Precision.YEAR, Integer.toString(day.getYear())), null, true);
        } else {
            occurred = null;
        }
        int where = random.nextInt(100);
        String place = where < 65 ? truth.place : where < 85 ? truth.otherPlace : null;
        List<String> participants = new ArrayList<>();
        for (String person : truth.participants) {
            if (random.nextInt(100) < 80) {
                participants.add(person);
            }
        }
        if (random.nextInt(100) < 15) {
            String extra = pick(PEOPLE, random);
            if (!participants.contains(extra)) {
                participants.add(extra);
            }
        }
        String proposed =
                random.nextInt(100) < 35 ? (random.nextInt(4) > 0 ? truth.proposed : pick(PROPOSALS, random)) : null;
        String agreed = random.nextInt(100) < 20 ? pick(PROPOSALS, random) : null;
        String refused = random.nextInt(100) < 15 ? pick(PROPOSALS, random) : null;
        int how = random.nextInt(100);
        String outcome = how < 40 ? truth.outcome : how < 55 ? truth.otherOutcome : null;
        return new AccountClaims(occurred, place, participants, proposed, agreed, refused, outcome, summary(random));
    }

    private static AccountClaims correctedClaims(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> new AccountClaims(
                    new OccurredTime(
                            new Moment(
                                    Precision.DAY,
                                    FIRST_OCCURRED
                                            .plusDays(random.nextInt(9000))
                                            .toString()),
                            null,
                            false),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            case 1 -> new AccountClaims(null, pick(PLACES, random), null, null, null, null, null, null);
            default -> new AccountClaims(null, null, null, null, null, null, pick(OUTCOMES, random), null);
        };
    }

    /** When a correction or retraction was reported: some days after its source, or (unknown source) left out. */
    private static Moment laterReport(Source source, Random random) {
        if (!source.publication.time().hasTime()) {
            return null;
        }
        LocalDate day = LocalDate.ofInstant(source.publication.time().start(), ZoneOffset.UTC)
                .plusDays(1 + random.nextInt(400));
        if (day.isAfter(LAST_PUBLISHED)) {
            day = LAST_PUBLISHED;
        }
        return new Moment(Precision.DAY, day.toString());
    }

    private static SourceRegistered registered(
            Source source, String republicationOf, List<String> restsOn, Random random) {
        List<String> authors = new ArrayList<>();
        int count = random.nextInt(4);
        while (authors.size() < count) {
            String author = pick(AUTHORS, random);
            if (!authors.contains(author)) {
                authors.add(author);
            }
        }
        String slug = source.outlet.toLowerCase().replace(' ', '-');
        return new SourceRegistered(
                source.id,
                source.outlet + ": " + pick(SUBJECTS, random).toLowerCase() + " on " + pick(TOPICS, random),
                source.outlet,
                authors,
                kind(random),
                source.publication,
                "https://" + slug + ".example/" + source.id,
                pick(LANGUAGES, random),
                republicationOf,
                restsOn);
    }

    private static Publication publication(Random random) {
        long days = ChronoUnit.DAYS.between(FIRST_PUBLISHED, LAST_PUBLISHED);
        LocalDate day = FIRST_PUBLISHED.plusDays((long) (days * Math.sqrt(random.nextDouble())));
        int shape = random.nextInt(100);
        if (shape < 68) {
            return new Publication(new Moment(Precision.DAY, day.toString()), PublicationBasis.STATED, null);
        }
        if (shape < 80) {
            return new Publication(
                    new Moment(Precision.MONTH, day.toString().substring(0, 7)), PublicationBasis.STATED, null);
        }
        if (shape < 87) {
            return new Publication(
                    new Moment(Precision.MONTH, day.toString().substring(0, 7)),
                    PublicationBasis.INFERRED,
                    "No date is shown; dated from the latest events its text describes.");
        }
        if (shape < 89) {
            return new Publication(
                    new Moment(Precision.YEAR, Integer.toString(day.getYear())),
                    PublicationBasis.INFERRED,
                    "Only the year follows from its text.");
        }
        if (shape < 92) {
            Instant instant = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(86_400));
            return new Publication(new Moment(Precision.INSTANT, instant.toString()), PublicationBasis.STATED, null);
        }
        return new Publication(
                Moment.unknown(), PublicationBasis.UNKNOWN, "It shows no date and none can be inferred.");
    }

    /** The bench sources' publications: one a year or so, one month inferred, one unknown. */
    private static Publication benchPublication(int index, boolean b) {
        int year = 2017 + index;
        String day = String.format("%d-%02d-%02d", year, b ? 3 + index : 5 + index, b ? 11 : 21);
        return switch (index) {
            case 3 -> new Publication(new Moment(Precision.MONTH, day.substring(0, 7)), PublicationBasis.STATED, null);
            case 5 -> new Publication(
                    new Moment(Precision.MONTH, day.substring(0, 7)),
                    PublicationBasis.INFERRED,
                    "Dated from the events its text calls recent.");
            case 7 -> new Publication(Moment.unknown(), PublicationBasis.UNKNOWN, null);
            default -> new Publication(new Moment(Precision.DAY, day), PublicationBasis.STATED, null);
        };
    }

    private static Source benchSource(List<Source> bench, LocalDate occurred, Random random) {
        List<Source> later =
                bench.stream().filter(s -> !s.publishedBy.isBefore(occurred)).toList();
        List<Source> from = later.isEmpty() ? bench : later;
        return from.get(random.nextInt(from.size()));
    }

    /**
     * A source registered before {@code at}, not yet used for this event, and (but for 3% temporal anomalies)
     * published after the event occurred or of unknown date.
     */
    private static Source pickSource(
            List<Source> generic,
            double[] registeredAt,
            double at,
            LocalDate occurred,
            Set<Source> used,
            Random random) {
        int registered = Arrays.binarySearch(registeredAt, at);
        registered = registered >= 0 ? registered : -registered - 1;
        boolean anomalyAllowed = random.nextInt(100) < 3;
        Source fallback = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            Source candidate = generic.get(random.nextInt(registered));
            if (used.contains(candidate)) {
                continue;
            }
            if (anomalyAllowed || !candidate.publishedBy.isBefore(occurred)) {
                return candidate;
            }
            fallback = candidate;
        }
        if (fallback != null) {
            return fallback;
        }
        throw new IllegalStateException("no unused source for an event at " + at);
    }

    private static String[] outlets(Random random) {
        List<String> names = new ArrayList<>();
        for (String first : OUTLET_FIRST) {
            for (String second : OUTLET_SECOND) {
                names.add("The " + first + " " + second);
            }
        }
        java.util.Collections.shuffle(names, random);
        return names.subList(0, 38).toArray(String[]::new);
    }

    private static SourceKind kind(Random random) {
        int k = random.nextInt(100);
        return k < 60
                ? SourceKind.ARTICLE
                : k < 70
                        ? SourceKind.INTERVIEW
                        : k < 80
                                ? SourceKind.PRESS_BRIEFING
                                : k < 88
                                        ? SourceKind.OFFICIAL_DOCUMENT
                                        : k < 94
                                                ? SourceKind.SPEECH
                                                : k < 99 ? SourceKind.SOCIAL_POST : SourceKind.OTHER;
    }

    private static Citation citation(Source source, Random random) {
        String quote = random.nextInt(4) == 0 ? pick(QUOTES, random) : null;
        return new Citation(source.id, locator(random), quote);
    }

    private static String locator(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> "¶" + (1 + random.nextInt(40));
            case 1 -> "p. " + (1 + random.nextInt(12));
            default -> String.format("00:%02d:%02d", random.nextInt(60), random.nextInt(60));
        };
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

    private static <T> T pick(T[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    /** Counts per payload type, for the report. */
    static Map<String, Integer> countsByType(List<Planned> events) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Planned event : events) {
            counts.merge(event.payload().getClass().getSimpleName(), 1, Integer::sum);
        }
        return counts;
    }
}
