package org.parley.history.service.web;

/**
 * A body or import line refused before it is read as a command: not UTF-8, not one JSON object, or something after
 * the object. Says where, in the client's terms.
 *
 * @param field    the field the fault is in, when it is inside one
 * @param offset   where in the body (or the import line) the fault starts, in bytes from 0
 * @param position for a fault inside a text, the character's number in that text (from 1)
 */
final class UnreadableBody extends RuntimeException {

    private final String field;
    private final long offset;
    private final Integer position;

    UnreadableBody(String reason, String field, long offset, Integer position) {
        super(reason, null, false, false);
        this.field = field;
        this.offset = offset;
        this.position = position;
    }

    String field() {
        return field;
    }

    long offset() {
        return offset;
    }

    Integer position() {
        return position;
    }
}
