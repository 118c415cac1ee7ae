package org.parley.history.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.RegisterSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** How a body is read before it becomes a command, and how each refusal is worded: never in Java's or Jackson's. */
class StrictJsonTest {

    private static final String SOURCE =
            "\"sourceId\": \"s1\", \"title\": \"A title\", \"kind\": \"ARTICLE\", \"publication\": {\"time\":"
                    + " {\"value\": \"2024-04\"}}";
    private static final String ACCOUNT = "\"eventId\": \"e1\", \"accountId\": \"a1\", \"citation\": {\"sourceId\":"
            + " \"s1\", \"locator\": \"¶3\"}, \"claims\": {\"place\": \"Istanbul\", \"participants\": [\"Ukraine\"]}";

    private final ObjectMapper shared = sharedMapper();
    private final StrictJson strict = new StrictJson(shared);

    /** Built as the application builds its mapper: Spring's builder with the application's settings. */
    private static ObjectMapper sharedMapper() {
        Jackson2ObjectMapperBuilder builder = new Jackson2ObjectMapperBuilder().failOnUnknownProperties(true);
        new JsonLimits().customize(builder);
        return builder.build();
    }

    @Test
    void a_well_formed_command_reads() throws Exception {
        RecordAccount account = read("{" + ACCOUNT + ", \"expectedVersion\": 3}", RecordAccount.class);

        assertThat(account.expectedVersion()).isEqualTo(3L);
        assertThat(account.claims().participants()).containsExactly("Ukraine");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a number as an id        | \"sourceId\": 12, \"title\": \"t\", \"kind\": \"ARTICLE\"    | sourceId    | must be a string",
                "true as a title          | \"sourceId\": \"s\", \"title\": true, \"kind\": \"ARTICLE\"  | title       | must be a string",
                "a fraction as a title    | \"sourceId\": \"s\", \"title\": 1.5, \"kind\": \"ARTICLE\"   | title       | must be a string",
                "a number as a kind       | \"sourceId\": \"s\", \"title\": \"t\", \"kind\": 3           | kind        | must be one of [ARTICLE",
                "numbers as names         | \"sourceId\": \"s\", \"title\": \"t\", \"authors\": [\"a\", 2] | authors[1]  | must be a string",
                "a string as an object    | \"sourceId\": \"s\", \"title\": \"t\", \"publication\": \"2024\" | publication | must be an object",
                "an empty string as object| \"sourceId\": \"s\", \"title\": \"t\", \"publication\": \"\"   | publication | must be an object",
            })
    void a_value_of_another_json_type_is_refused_not_coerced(String what, String fields, String field, String reason) {
        ProblemDetail problem = refusal("{" + fields + "}", RegisterSource.class);

        assertThat(problem.getProperties()).containsEntry("field", field);
        assertThat(problem.getDetail()).contains(field + ": " + reason);
        assertNoInternals(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "12.5", "1e2", "true", "\"\""})
    void an_expected_version_that_is_not_a_whole_number_is_refused(String version) {
        ProblemDetail problem = refusal("{" + ACCOUNT + ", \"expectedVersion\": " + version + "}", RecordAccount.class);

        assertThat(problem.getProperties()).containsEntry("field", "expectedVersion");
        assertThat(problem.getDetail()).contains("must be a whole number");
    }

    @Test
    void a_number_too_large_for_its_field_names_the_field() {
        ProblemDetail problem =
                refusal("{" + ACCOUNT + ", \"expectedVersion\": 99999999999999999999}", RecordAccount.class);

        assertThat(problem.getProperties()).containsEntry("field", "expectedVersion");
        assertNoInternals(problem);
    }

    @Test
    void a_field_given_twice_is_refused_naming_it() {
        ProblemDetail problem = refusal("{" + SOURCE + ", \"title\": \"again\"}", RegisterSource.class);

        assertThat(problem.getProperties()).containsEntry("field", "title");
        assertThat(problem.getDetail()).contains("title is given twice in one object");
        assertNoInternals(problem);
    }

    @Test
    void a_field_given_twice_in_a_nested_object_is_refused_naming_its_path() {
        ProblemDetail problem = refusal(
                "{" + ACCOUNT.replace("\"place\": \"Istanbul\"", "\"place\": \"Istanbul\", \"place\": \"Minsk\"") + "}",
                RecordAccount.class);

        assertThat(problem.getProperties()).containsEntry("field", "claims.place");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}{}", "{} {\"sourceId\": \"s2\"}", "{} trailing", "{}}}}", "{} 1", "{},"})
    void anything_after_the_object_is_refused(String text) {
        ProblemDetail problem = refusal(text.replace("{}", "{" + SOURCE + "}"), RegisterSource.class);

        assertThat(problem.getDetail()).contains("the body holds more after its JSON value ends");
        assertThat((Long) problem.getProperties().get("offset")).isGreaterThanOrEqualTo(SOURCE.length() + 2L);
        assertNoInternals(problem);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[] | an array",
                "[{}] | an array",
                "12 | a number",
                "\"text\" | a string",
                "null | null",
                "true | true or false"
            })
    void a_body_that_is_not_an_object_is_refused(String text, String what) {
        ProblemDetail problem = refusal(text, RegisterSource.class);

        assertThat(problem.getDetail()).isEqualTo("the body must be a JSON object, not " + what);
        assertNoInternals(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"sourceId\": \"s", "{\"sourceId\": ", "{\"authors\": [\"a\""})
    void an_unclosed_body_is_refused_in_plain_words(String text) {
        ProblemDetail problem = refusal(text, RegisterSource.class);

        assertThat(problem.getDetail()).contains("ends before its JSON does");
        assertNoInternals(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"sourceId\" \"s\"}", "{sourceId: 1}", "{\"sourceId\": nope}", "{'a': 1}", "{\"a\":1,}"})
    void a_syntax_error_is_refused_without_the_parsers_words(String text) {
        ProblemDetail problem = refusal(text, RegisterSource.class);

        assertThat(problem.getDetail()).contains("is not valid JSON");
        assertNoInternals(problem);
    }

    @Test
    void an_unescaped_control_character_in_a_string_names_its_field() {
        ProblemDetail problem = refusal("{\"sourceId\": \"s\", \"title\": \"a\u0007b\"}", RegisterSource.class);

        assertThat(problem.getProperties()).containsEntry("field", "title");
        assertThat(problem.getDetail()).contains("U+0007 unescaped");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a lone continuation byte, 80",
        "a byte that never starts UTF-8, FF",
        "an overlong NUL, C080",
        "an encoded surrogate, EDA080",
        "a code point past U+10FFFF, F4908080",
        "a sequence cut short, E282"
    })
    void bytes_that_are_not_utf8_are_refused_naming_the_field_and_the_position(String what, String hex) {
        byte[] body = concat("{\"sourceId\": \"s\", \"title\": \"Ab", hex, "c\"}");

        ProblemDetail problem = refusal(body, RegisterSource.class);

        assertThat(problem.getProperties())
                .containsEntry("field", "title")
                .containsEntry("position", 3)
                .containsEntry("offset", (long) "{\"sourceId\": \"s\", \"title\": \"Ab".length());
        assertThat(problem.getDetail()).contains("title holds a byte that is not UTF-8", "at character 3");
    }

    @Test
    void a_bad_byte_in_a_list_of_names_names_the_element_and_counts_escapes_as_one_character() {
        byte[] body = concat("{\"sourceId\": \"s\", \"authors\": [\"ok\", \"\\u00e9t", "FF", "\"]}");

        ProblemDetail problem = refusal(body, RegisterSource.class);

        assertThat(problem.getProperties()).containsEntry("field", "authors[1]").containsEntry("position", 3);
    }

    @Test
    void a_bad_byte_outside_any_text_names_the_object_it_is_in() {
        byte[] body = concat("{\"sourceId\": \"s\", \"claims\": {", "FF", "}}");

        ProblemDetail problem = refusal(body, RegisterSource.class);

        assertThat(problem.getProperties()).containsEntry("field", "claims").doesNotContainKey("position");
    }

    @Test
    void well_formed_utf8_in_every_script_reads() throws Exception {
        String title = "Стамбул — «İstanbul» — 伊斯坦布尔 — إسطنبول — 🕊";
        RegisterSource source = read(
                "{\"sourceId\": \"s\", \"title\": \"" + title + "\", \"kind\": \"ARTICLE\"}", RegisterSource.class);

        assertThat(source.title()).isEqualTo(title);
    }

    @Test
    void the_nesting_limit_of_the_shared_mapper_holds_for_the_strict_one() {
        ProblemDetail problem = refusal("{\"title\": " + "[".repeat(40) + "]".repeat(40) + "}", RegisterSource.class);

        assertThat(problem.getType().toString()).isEqualTo("urn:parley:problem:limit-exceeded");
    }

    @Test
    void the_shared_mapper_stays_as_lenient_as_the_stored_ledger_needs() throws Exception {
        RecordAccount account = shared.readValue("{" + ACCOUNT + ", \"expectedVersion\": \"3\"}", RecordAccount.class);

        assertThat(account.expectedVersion()).isEqualTo(3L);
    }

    private <T> T read(String text, Class<T> type) throws Exception {
        return strict.read(text.getBytes(StandardCharsets.UTF_8), javaType(type));
    }

    private ProblemDetail refusal(String text, Class<?> type) {
        return refusal(text.getBytes(StandardCharsets.UTF_8), type);
    }

    private ProblemDetail refusal(byte[] body, Class<?> type) {
        Throwable failure = catchThrowable(() -> strict.read(body, javaType(type)));
        assertThat(failure).as("a refusal").isNotNull();
        ProblemDetail problem = Problems.of(failure);
        assertThat(problem).as("a problem for " + failure).isNotNull();
        assertThat(problem.getStatus()).isEqualTo(400);
        return problem;
    }

    private JavaType javaType(Class<?> type) {
        return shared.getTypeFactory().constructType(type);
    }

    private static void assertNoInternals(ProblemDetail problem) {
        assertThat(problem.getDetail())
                .doesNotContain(
                        "`", "com.fasterxml", "java.", "org.parley", "Jackson", "Feature", "[Source", "Exception");
    }

    private static byte[] concat(String before, String hex, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < hex.length(); i += 2) {
            out.write(Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
