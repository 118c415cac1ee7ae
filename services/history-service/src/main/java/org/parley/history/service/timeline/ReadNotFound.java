package org.parley.history.service.timeline;

/** A narrative, event or source that the read model does not hold (as of the times asked). */
public final class ReadNotFound extends RuntimeException {

    private final String field;

    ReadNotFound(String field, String detail) {
        super(detail, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
