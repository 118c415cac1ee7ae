package org.parley.history.service.commands;

import java.util.List;

/** A command whose shape is wrong (a field missing, too long, malformed): refused before it reaches the ledger. */
public final class InvalidCommand extends RuntimeException {

    /**
     * One field and what is wrong with it.
     *
     * @param position for text holding a character no source contains, that character's number in the field's
     *                 text (from 1); otherwise absent
     */
    public record FieldViolation(String field, String reason, Integer position) {

        public FieldViolation(String field, String reason) {
            this(field, reason, null);
        }
    }

    private final List<FieldViolation> violations;

    public InvalidCommand(List<FieldViolation> violations) {
        super(
                violations.size() == 1 ? "1 field is invalid" : violations.size() + " fields are invalid",
                null,
                false,
                false);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
