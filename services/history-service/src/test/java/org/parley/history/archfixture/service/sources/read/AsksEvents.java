package org.parley.history.archfixture.service.sources.read;

import org.parley.history.archfixture.service.events.read.PeeksAtTheAggregate;

/** Breaks a rule: the sources' read part depending on the events' (the way up is an interface). */
public class AsksEvents {
    PeeksAtTheAggregate events;
}
