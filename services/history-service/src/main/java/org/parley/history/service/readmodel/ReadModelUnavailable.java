package org.parley.history.service.readmodel;

/** The read model is being rebuilt; it answers again when the rebuild is done. */
public final class ReadModelUnavailable extends RuntimeException {

    private final ReadModelStatus status;

    ReadModelUnavailable(ReadModelStatus status) {
        super("the read model is being rebuilt", null, false, false);
        this.status = status;
    }

    public ReadModelStatus status() {
        return status;
    }
}
