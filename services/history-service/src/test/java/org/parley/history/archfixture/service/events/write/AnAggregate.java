package org.parley.history.archfixture.service.events.write;

/** A write part, for the architecture rules' own tests. */
public class AnAggregate {}
