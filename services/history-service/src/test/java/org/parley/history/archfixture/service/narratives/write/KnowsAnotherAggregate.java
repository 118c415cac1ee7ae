package org.parley.history.archfixture.service.narratives.write;

import org.parley.history.archfixture.service.events.write.AnAggregate;

/** Breaks a rule: one feature's aggregate that knows another feature's. */
public class KnowsAnotherAggregate {
    AnAggregate other;
}
