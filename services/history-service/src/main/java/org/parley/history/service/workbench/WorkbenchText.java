package org.parley.history.service.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.history.contract.change.NarrativeChangeKind;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.service.narratives.read.NarrativeEvolution.NarrativeChange;
import org.parley.history.service.readmodel.TimeBound;
import org.springframework.stereotype.Component;

/**
 * Words for what the query services answer, as the templates write them ({@code ${@text.value(v)}}): values of any
 * field, times, the sentence that says what a view shows, and a change read as a diff.
 */
@Component("text")
public class WorkbenchText {

    private final ObjectMapper json;

    WorkbenchText(ObjectMapper json) {
        this.json = json;
    }

    /** A field's value: text as it is, lists joined, an occurred time in words with its precision. */
    public String value(Object value) {
        return value == null ? "" : node(json.valueToTree(value));
    }

    /** Several values, as an evolution's before and after hold them: one as itself, more as what is disputed. */
    public String values(List<Object> values) {
        if (values == null || values.isEmpty()) {
            return "nothing";
        }
        List<String> words = new ArrayList<>();
        values.forEach(value -> words.add(value(value)));
        return words.size() == 1 ? words.get(0) : "disputed: " + String.join(" | ", words);
    }

    /** A change as a line of a diff: "place: Belarus → disputed: Belarus | Kamianyuk". */
    public String change(NarrativeChange change) {
        NarrativeChangeKind kind = change.change();
        return switch (kind) {
            case FIELD_SET, FIELD_CHANGED, FIELD_DISPUTED, FIELD_DROPPED -> change.field() + ": "
                    + values(change.before()) + " → " + values(change.after());
            case LINK_ADDED, LINK_DROPPED -> (kind == NarrativeChangeKind.LINK_ADDED
                            ? "link added: "
                            : "link dropped: ")
                    + (change.link() == null
                            ? ""
                            : change.link().from() + " "
                                    + relation(change.link().relation()) + " "
                                    + change.link().to());
            default -> kindWords(kind);
        };
    }

    public String kindWords(NarrativeChangeKind kind) {
        return switch (kind) {
            case EVENT_APPEARED -> "the event appears";
            case EVENT_DISAPPEARED -> "the event disappears (its accounts were retracted)";
            case FIELD_SET -> "a field gets a value";
            case FIELD_CHANGED -> "a value changes";
            case FIELD_DISPUTED -> "the accounts now disagree";
            case FIELD_DROPPED -> "no account speaks to the field any more";
            case LINK_ADDED -> "a link is added";
            case LINK_DROPPED -> "a link is dropped";
            case ACCOUNT_CORRECTED -> "an account is corrected";
            case ACCOUNT_RETRACTED -> "an account is retracted";
            case NARRATIVE_DEFINED -> "the narrative is defined";
            case NARRATIVE_REVISED -> "the narrative is revised";
            case ANOMALY_FLAGGED -> "an account is flagged";
            case ANOMALY_CLEARED -> "an account's flag is cleared";
        };
    }

    public String relation(LinkRelation relation) {
        return relation == null ? "" : relation.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public String anomaly(Anomaly.Kind kind) {
        return switch (kind) {
            case UNDATED_SOURCE -> "undated source";
            case PUBLISHED_BEFORE_OCCURRED -> "published before what it describes";
            case DESCRIBES_LATER_EVENT -> "describes what another account dates after its publication";
            case EDITORIAL_FLAG -> "flagged by an editor";
        };
    }

    /** An account's claims as field and words, in the order the contract lists them, leaving out what it does not say. */
    public Map<String, String> claims(AccountClaims claims) {
        Map<String, String> said = new LinkedHashMap<>();
        JsonNode node = json.valueToTree(claims);
        node.fields().forEachRemaining(field -> {
            boolean empty = field.getValue().isNull()
                    || (field.getValue().isContainerNode() && field.getValue().isEmpty());
            if (!empty) {
                said.put(field.getKey(), node(field.getValue()));
            }
        });
        return said;
    }

    /** A month spelled out, as an evolution's monthly steps are headed: "June 2023". */
    public String month(Instant at) {
        return at == null ? "" : Dates.fullMonth(YearMonth.from(at.atOffset(java.time.ZoneOffset.UTC)));
    }

    /** A day as the API takes it, for links that ask as of the day a change was reported. */
    public String isoDay(Instant at) {
        return at == null ? null : ReportDates.day(at).toString();
    }

    public String day(Instant at) {
        return Dates.day(at);
    }

    public String minute(Instant at) {
        return Dates.minute(at);
    }

    /** What a view shows, in one sentence: "as reported by 3 Feb 2023, as Parley held it now". */
    public String statement(TimeBound asOf, TimeBound recordedAsOf) {
        return "As reported by " + bound(asOf) + ", as Parley held it " + held(recordedAsOf);
    }

    public String bound(TimeBound bound) {
        if (bound == null || bound.requested() == null) {
            return "now";
        }
        return asked(bound.requested(), bound.until());
    }

    private String held(TimeBound recorded) {
        if (recorded == null || recorded.requested() == null) {
            return "now";
        }
        return "at " + asked(recorded.requested(), recorded.until());
    }

    private static String asked(String requested, Instant until) {
        return switch (requested.length()) {
            case 4 -> "the end of " + requested;
            case 7 -> "the end of " + Dates.month(YearMonth.parse(requested));
            case 10 -> Dates.day(LocalDate.parse(requested)
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant());
            default -> Dates.minute(until);
        };
    }

    private String node(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(element -> parts.add(node(element)));
            return String.join(", ", parts);
        }
        if (node.isObject() && node.has("from")) {
            String from = moment(node.get("from"));
            String to = node.hasNonNull("to") ? moment(node.get("to")) : null;
            String when = to == null ? from : from + " – " + to;
            return node.path("approximate").asBoolean() ? "about " + when : when;
        }
        if (node.isObject() && node.has("precision")) {
            return moment(node);
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** A moment with its precision: a month is the whole month, and says so. */
    private static String moment(JsonNode moment) {
        String precision = moment.path("precision").asText();
        String value = moment.path("value").asText();
        return switch (precision) {
            case "DAY" -> Dates.day(LocalDate.parse(value)
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant());
            case "MONTH" -> Dates.month(YearMonth.parse(value)) + " (the month)";
            case "YEAR" -> value + " (the year)";
            case "UNKNOWN" -> "unknown";
            default -> value;
        };
    }
}
