package org.parley.history.service.commands;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text a source could contain ({@link TextDefect}), applied by {@link SourceTextValidator}. {@link
 * CommandConstraints} attaches it to every text field and every element of a list of names or ids.
 */
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = SourceTextValidator.class)
public @interface SourceText {

    String message() default "holds a character no source text contains";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
