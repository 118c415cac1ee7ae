package org.parley.history.contract.value;

/**
 * Something odd about a recorded fact that Parley keeps as it is and points out, instead of mending it.
 *
 * @param kind   what kind of oddity
 * @param detail what exactly, in words
 */
public record Anomaly(Kind kind, String detail) {

    /** The kinds of oddity Parley flags. */
    public enum Kind {
        /** The account claims the event occurred after the account's source was published. */
        PUBLISHED_BEFORE_OCCURRED,
        /** The account's source has no known publication time; it counts from when Parley recorded it. */
        UNDATED_SOURCE,
        /**
         * Another account of the same event dates it after this account's source was published. It holds from when
         * that other account counts, so an answer as of an earlier time does not show it.
         */
        DESCRIBES_LATER_EVENT,
        /** An editor flagged the account, with a reason and a citation; it counts from when the flag was recorded. */
        EDITORIAL_FLAG
    }
}
