package org.parley.history.contract.value;

/**
 * When a source became public, with its precision and its basis. An {@code INFERRED} publication carries a note
 * saying how it was dated; an {@code UNKNOWN} one has an unknown time.
 */
public record Publication(Moment time, PublicationBasis basis, String note) {

    public Publication {
        if (time == null) {
            time = Moment.unknown();
        }
        if (basis == null) {
            basis = time.hasTime() ? PublicationBasis.STATED : PublicationBasis.UNKNOWN;
        }
    }

    public static Publication stated(String time) {
        return new Publication(Moment.of(time), PublicationBasis.STATED, null);
    }

    public static Publication inferred(String time, String note) {
        return new Publication(Moment.of(time), PublicationBasis.INFERRED, note);
    }

    public static Publication unknown() {
        return new Publication(Moment.unknown(), PublicationBasis.UNKNOWN, null);
    }
}
