package org.parley.history.service.readmodel;

/** A question asked with a parameter the read side cannot answer for: the field, and why. */
public final class InvalidQuery extends RuntimeException {

    private final String field;

    public InvalidQuery(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
