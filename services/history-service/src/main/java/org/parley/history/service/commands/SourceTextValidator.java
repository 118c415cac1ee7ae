package org.parley.history.service.commands;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Refuses text holding a character no source contains, and hands the position on with the violation. */
public class SourceTextValidator implements ConstraintValidator<SourceText, CharSequence> {

    @Override
    public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
        if (text == null) {
            return true;
        }
        Optional<TextDefect> defect = TextDefect.in(text);
        defect.ifPresent(found -> {
            HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
            hibernate.disableDefaultConstraintViolation();
            hibernate.withDynamicPayload(found.position());
            // the reason quotes no client input, so message interpolation has nothing to misread in it
            hibernate.buildConstraintViolationWithTemplate(found.reason()).addConstraintViolation();
        });
        return defect.isEmpty();
    }
}
