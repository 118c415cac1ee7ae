package org.parley.history.service.commands;

import java.util.Optional;

/**
 * Where a text holds something no source contains: a control character other than tab and newline (C0, DEL, C1;
 * a carriage return too, since a line break is a newline alone), or half of a surrogate pair, which is no Unicode
 * character at all. PostgreSQL cannot store NUL in text, so an event holding one would stop every read model that
 * tried to store it; the others come from broken encodings and terminals, never from a source.
 *
 * @param position the offending character's number in the text, counting from 1 in Unicode characters (a pair of
 *                 surrogates is one)
 * @param reason   what is wrong, for the client, with the position and the character's code
 */
public record TextDefect(int position, String reason) {

    /** The first defect in the text, or empty when a source could hold it. */
    public static Optional<TextDefect> in(CharSequence text) {
        int position = 0;
        int i = 0;
        while (i < text.length()) {
            position++;
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i += 2;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of(new TextDefect(
                        position,
                        "holds an unpaired surrogate " + code(c) + " at character " + position
                                + "; text must be valid Unicode"));
            }
            if (isControl(c)) {
                return Optional.of(new TextDefect(
                        position,
                        "holds " + code(c) + " (" + nameOf(c) + ") at character " + position
                                + "; text holds no control characters but tab and newline"));
            }
            i++;
        }
        return Optional.empty();
    }

    static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F);
    }

    private static String code(char c) {
        return String.format("U+%04X", (int) c);
    }

    private static String nameOf(char c) {
        return switch (c) {
            case 0x00 -> "NUL";
            case 0x0D -> "carriage return: a line break is a newline alone";
            case 0x1B -> "escape";
            case 0x7F -> "delete";
            default -> "a control character";
        };
    }
}
