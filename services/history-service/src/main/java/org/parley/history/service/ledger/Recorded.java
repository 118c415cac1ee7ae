package org.parley.history.service.ledger;

/** A fact an aggregate holds, with the aggregate version at which it was recorded (to answer retries alike). */
public record Recorded<T>(T fact, long version) {}
