package org.parley.history.service.readmodel;

/** A rebuild was asked for while one is running. */
public final class RebuildAlreadyRunning extends RuntimeException {

    private final ReadModelStatus status;

    RebuildAlreadyRunning(ReadModelStatus status) {
        super("a rebuild is already running", null, false, false);
        this.status = status;
    }

    public ReadModelStatus status() {
        return status;
    }
}
