package org.parley.history.cli;

import java.util.Locale;

/** A one-line progress bar on stderr, redrawn in place; nothing at all when stderr is not a terminal. */
final class Progress {

    private static final int BAR = 30;

    private final Terminal terminal;
    private final String unit;
    private final long startedNanos = System.nanoTime();
    private boolean drawn;

    Progress(Terminal terminal, String unit) {
        this.terminal = terminal;
        this.unit = unit;
    }

    /** Draws done of total, with the rate since the start and the time left at that rate. */
    void show(long done, long total) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        show(done, total, rate, rate > 0 ? (total - done) / rate : null);
    }

    /** Draws done of total at a rate and time left someone else measured (the server, for a rebuild). */
    void show(long done, long total, double rate, Double secondsLeft) {
        if (!terminal.errIsTerminal) {
            return;
        }
        double fraction = total > 0 ? Math.min(1, (double) done / total) : 0;
        int filled = (int) Math.round(fraction * BAR);
        String line = String.format(
                Locale.ROOT,
                "\r[%s%s] %3.0f%%  %,d/%,d %s  %,.0f %s/s  %s left ",
                "#".repeat(filled),
                " ".repeat(BAR - filled),
                fraction * 100,
                done,
                total,
                unit,
                rate,
                unit,
                secondsLeft == null ? "?" : duration(secondsLeft));
        terminal.err.print(line);
        terminal.err.flush();
        drawn = true;
    }

    /** Ends the bar's line, so that what follows starts on a line of its own. */
    void finish() {
        if (drawn) {
            terminal.err.println();
            terminal.err.flush();
            drawn = false;
        }
    }

    static String duration(double seconds) {
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + " s";
        }
        if (whole < 3600) {
            return whole / 60 + " min " + whole % 60 + " s";
        }
        return whole / 3600 + " h " + whole % 3600 / 60 + " min";
    }
}
