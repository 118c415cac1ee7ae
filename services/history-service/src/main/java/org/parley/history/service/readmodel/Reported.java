package org.parley.history.service.readmodel;

import java.time.Instant;

/** From when a report counts for asOf, and why then (end of a month, unknown publication...). */
public record Reported(Instant countsFrom, String note) {}
