package org.parley.history.archfixture.service.web;

import org.axonframework.modelling.command.ConcurrencyException;

/** Breaks a rule: Axon's command-side exception outside the command dispatch. */
public class CatchesAxon {
    boolean lostRace(Throwable failure) {
        return failure instanceof ConcurrencyException;
    }
}
