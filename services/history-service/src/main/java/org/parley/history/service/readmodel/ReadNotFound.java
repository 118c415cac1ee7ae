package org.parley.history.service.readmodel;

/** A narrative, event or source that the read model does not hold (as of the times asked). */
public final class ReadNotFound extends RuntimeException {

    private final String field;

    public ReadNotFound(String field, String detail) {
        super(detail, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
