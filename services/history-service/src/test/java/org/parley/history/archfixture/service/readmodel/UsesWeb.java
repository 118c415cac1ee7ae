package org.parley.history.archfixture.service.readmodel;

import org.parley.history.archfixture.service.web.CatchesAxon;

/** Breaks a rule: something that depends on the web package. */
public class UsesWeb {
    CatchesAxon web;
}
