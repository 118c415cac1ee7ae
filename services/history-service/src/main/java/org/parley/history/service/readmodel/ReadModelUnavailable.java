package org.parley.history.service.readmodel;

/**
 * What needs the read model done cannot be done yet: a question before a first build is done (no version answers
 * yet), or an operator's retry of a parked event while a rebuild runs.
 */
public final class ReadModelUnavailable extends RuntimeException {

    private final ReadModelStatus status;

    ReadModelUnavailable(ReadModelStatus status) {
        super("the read model is being built", null, false, false);
        this.status = status;
    }

    public ReadModelStatus status() {
        return status;
    }
}
