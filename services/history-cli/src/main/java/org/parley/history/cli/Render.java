package org.parley.history.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** How the API's values read in a table cell. */
final class Render {

    private static final String END_OF_DAY = "T23:59:59.999999Z";

    private Render() {}

    /**
     * An occurred range from a timeline entry's start (inclusive) and end (exclusive): one day, one month or one
     * year as such, anything else as {@code first..last}; an event no account dates is "undated".
     */
    static String occurred(JsonNode entry) {
        LocalDate start = date(entry.path("occurredStart").asText(null));
        LocalDate end = date(entry.path("occurredEnd").asText(null));
        if (start == null) {
            return "undated";
        }
        if (end == null) {
            return start + "..";
        }
        if (end.equals(start.plusDays(1))) {
            return start.toString();
        }
        if (start.getDayOfMonth() == 1 && end.equals(start.plusMonths(1))) {
            return start.toString().substring(0, 7);
        }
        if (start.getDayOfYear() == 1 && end.equals(start.plusYears(1))) {
            return Integer.toString(start.getYear());
        }
        return start + ".." + end.minusDays(1);
    }

    /** An instant as the API gives it, or its date alone when it is the end of a day (how "reported" counts). */
    static String time(JsonNode instant) {
        String text = instant == null || instant.isNull() || instant.isMissingNode() ? "" : instant.asText();
        return text.endsWith(END_OF_DAY) ? text.substring(0, text.length() - END_OF_DAY.length()) : text;
    }

    /** A field's value: text as is, a list joined, an occurred time as its range, anything else as JSON. */
    static String value(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(element -> parts.add(value(element)));
            return String.join(", ", parts);
        }
        if (value.has("from") && value.path("from").has("value")) {
            String from = value.path("from").path("value").asText();
            String to = value.path("to").path("value").asText(null);
            return (value.path("approximate").asBoolean() ? "~" : "") + (to == null ? from : from + ".." + to);
        }
        return value.toString();
    }

    /** The distinct texts a function finds in each element of an array, in order, joined. */
    static String each(JsonNode array, Function<JsonNode, String> text) {
        Set<String> seen = new LinkedHashSet<>();
        array.forEach(element -> {
            String found = text.apply(element);
            if (found != null && !found.isEmpty()) {
                seen.add(found);
            }
        });
        return String.join(", ", seen);
    }

    static String texts(JsonNode array) {
        return each(array, JsonNode::asText);
    }

    static String citation(JsonNode citation) {
        String locator = citation.path("locator").asText("");
        return citation.path("sourceId").asText() + (locator.isEmpty() ? "" : " " + locator);
    }

    private static LocalDate date(String instant) {
        if (instant == null || instant.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(instant.substring(0, 10));
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }
}
