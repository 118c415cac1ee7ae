package org.parley.history.contract.value;

/** How precisely a {@link Moment} is known. */
public enum Precision {
    /** An exact instant, e.g. {@code 2022-03-29T10:15:00Z}. */
    INSTANT,
    /** A calendar day (UTC), e.g. {@code 2022-03-29}. */
    DAY,
    /** A calendar month, e.g. {@code 2022-03}. */
    MONTH,
    /** A calendar year, e.g. {@code 2022}. */
    YEAR,
    /** Not known at all; the moment has no value. */
    UNKNOWN
}
