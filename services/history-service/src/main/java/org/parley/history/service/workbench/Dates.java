package org.parley.history.service.workbench;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the workbench writes times: always UTC, as the ledger keeps them, and in words a reader can scan. */
final class Dates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter FULL_MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH);

    private Dates() {}

    static String day(Instant at) {
        return at == null ? "" : DAY.format(at.atOffset(ZoneOffset.UTC));
    }

    static String month(YearMonth month) {
        return MONTH.format(month);
    }

    static String fullMonth(YearMonth month) {
        return FULL_MONTH.format(month);
    }

    static String minute(Instant at) {
        return at == null ? "" : MINUTE.format(at.atOffset(ZoneOffset.UTC));
    }
}
