package org.parley.history.service.commands;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.PublicationBasis;

/** Applies the rules that contract values state about themselves. */
public class ContractRuleValidator implements ConstraintValidator<ContractRule, Object> {

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        Optional<String> defect = defectOf(value);
        defect.ifPresent(reason -> {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(escape(reason)).addConstraintViolation();
        });
        return defect.isEmpty();
    }

    static Optional<String> defectOf(Object value) {
        if (value instanceof Moment moment) {
            return moment.defect();
        }
        if (value instanceof OccurredTime occurred) {
            if (occurred.from() == null || wellFormedButUnknown(occurred.from())) {
                return Optional.of("an occurred time needs a known 'from'");
            }
            if (occurred.to() != null && wellFormedButUnknown(occurred.to())) {
                return Optional.of("'to' must be a known moment or absent");
            }
            return occurred.reversal();
        }
        if (value instanceof Publication publication) {
            return publicationDefect(publication);
        }
        if (value instanceof AccountClaims claims) {
            return claimsNothing(claims) ? Optional.of("claims nothing: give at least one field") : Optional.empty();
        }
        if (value instanceof NarrativeSelection selection) {
            return selection.selectsNothing()
                    ? Optional.of("selects nothing: give sourceIds, outlets, accountIds or linkIds")
                    : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> publicationDefect(Publication publication) {
        boolean known = publication.time().hasTime();
        if (publication.basis() == PublicationBasis.UNKNOWN && known) {
            return Optional.of("an UNKNOWN publication has no time");
        }
        if (publication.basis() != PublicationBasis.UNKNOWN && wellFormedButUnknown(publication.time())) {
            return Optional.of("a " + publication.basis() + " publication needs a time");
        }
        if (publication.basis() == PublicationBasis.INFERRED
                && (publication.note() == null || publication.note().isBlank())) {
            return Optional.of("an INFERRED publication needs a note saying how it was dated");
        }
        return Optional.empty();
    }

    /**
     * A moment with no known time that is not malformed either. A malformed one (its shape matches no precision)
     * has no known time too, but it is reported once, on its own path, not again on the value that holds it.
     */
    private static boolean wellFormedButUnknown(Moment moment) {
        return !moment.hasTime() && moment.defect().isEmpty();
    }

    private static boolean claimsNothing(AccountClaims claims) {
        return claims.occurred() == null
                && blank(claims.place())
                && claims.participants().isEmpty()
                && blank(claims.proposed())
                && blank(claims.agreed())
                && blank(claims.refused())
                && blank(claims.outcome())
                && blank(claims.summary());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** Reasons quote client input; message interpolation must not read it as an expression. */
    private static String escape(String reason) {
        return reason.replace("\\", "\\\\")
                .replace("{", "\\{")
                .replace("}", "\\}")
                .replace("$", "\\$");
    }
}
