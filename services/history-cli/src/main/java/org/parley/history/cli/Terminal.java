package org.parley.history.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Where output goes and how it may look: data on {@code out}, messages and progress on {@code err}. Colour and
 * progress bars only on a terminal, colour never when {@code NO_COLOR} is set; tables as wide as the terminal
 * ({@code COLUMNS}, else 100), and never cut when the output is not a terminal (a script sees every character).
 */
final class Terminal {

    private static final String BOLD = "\u001b[1m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    final PrintWriter out;
    final PrintWriter err;
    final boolean errIsTerminal;
    final boolean colour;
    final int width;

    Terminal(Parley.Environment environment) {
        Map<String, String> env = environment.variables();
        this.out = environment.out();
        this.err = environment.err();
        this.errIsTerminal = environment.errIsTerminal();
        this.colour = environment.outIsTerminal() && !env.containsKey("NO_COLOR");
        this.width = environment.outIsTerminal() ? columns(env) : Integer.MAX_VALUE;
    }

    String bold(String text) {
        return colour ? BOLD + text + RESET : text;
    }

    /** A disputed field or a rejected line: yellow on a terminal, marked with a star everywhere. */
    String disputed(String text) {
        return colour ? YELLOW + text + "*" + RESET : text + "*";
    }

    void message(String text) {
        err.println(text);
        err.flush();
    }

    private static int columns(Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
            return columns >= 40 ? columns : 100;
        } catch (NumberFormatException unset) {
            return 100;
        }
    }
}
