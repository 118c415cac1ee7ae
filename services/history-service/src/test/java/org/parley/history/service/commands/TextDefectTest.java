package org.parley.history.service.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextDefectTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Istanbul",
                "Стамбульское коммюнике",
                "«Il n’y a pas d’accord» — “no deal”, ‘none’",
                "\u05e9\u05dc\u05d5\u05dd and \u0633\u0644\u0627\u0645",
                "北京 and 東京",
                "emoji 🕊 and a flag 🇺🇦",
                "line one\nline two",
                "column\tcolumn",
                "¶3, §2, 50 %, 1 000 €",
                "\u00a0no-break space, \u00ad soft hyphen, \u200b zero width, \u202e bidi override",
                ""
            })
    void text_a_source_could_hold_has_no_defect(String text) {
        assertThat(TextDefect.in(text)).isEmpty();
    }

    @ParameterizedTest(name = "U+{0} at character {1}")
    @CsvSource({
        "0000, 1", "0001, 2", "0007, 4", "0008, 3", "000B, 2", "000C, 2", "000D, 5", "001B, 2", "001F, 2", "007F, 3",
        "0080, 2", "0085, 2", "009F, 9"
    })
    void a_control_character_other_than_tab_and_newline_is_a_defect_at_its_position(String code, int position) {
        char control = (char) Integer.parseInt(code, 16);
        String text = "x".repeat(position - 1) + control + "tail";

        TextDefect defect = TextDefect.in(text).orElseThrow();

        assertThat(defect.position()).isEqualTo(position);
        assertThat(defect.reason()).contains("U+" + code, "at character " + position, "tab and newline");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\ud800", "a\ud800b", "a\udc00", "\udc00\ud800", "ab\ud83d"})
    void half_a_surrogate_pair_is_a_defect(String text) {
        TextDefect defect = TextDefect.in(text).orElseThrow();

        assertThat(defect.reason()).contains("unpaired surrogate", "valid Unicode");
        assertThat(defect.position()).isEqualTo(text.codePointCount(0, text.indexOf(firstSurrogate(text))) + 1);
    }

    @Test
    void the_position_counts_characters_not_utf16_units() {
        assertThat(TextDefect.in("🕊🕊\u0000").orElseThrow().position()).isEqualTo(3);
        assertThat(TextDefect.in("e\u0301\u0007").orElseThrow().position()).isEqualTo(3);
        assertThat(TextDefect.in("🇺🇦\u007f").orElseThrow().position()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\r\nb", "ok\u0007"})
    void the_reason_names_the_character(String text) {
        String reason = TextDefect.in(text).orElseThrow().reason();

        assertThat(reason).containsPattern("U\\+00(00|0D|07) \\((NUL|carriage return.*|a control character)\\)");
    }

    private static char firstSurrogate(String text) {
        return (char) text.chars()
                .filter(c -> Character.isSurrogate((char) c))
                .findFirst()
                .orElseThrow();
    }
}
