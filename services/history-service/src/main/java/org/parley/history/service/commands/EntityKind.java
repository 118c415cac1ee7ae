package org.parley.history.service.commands;

/** The kinds of thing a command may refer to by id. */
public enum EntityKind {
    SOURCE("source"),
    EVENT("diplomatic event"),
    NARRATIVE("narrative"),
    ACCOUNT("account"),
    LINK("link");

    private final String description;

    EntityKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
