package org.parley.history.service.commands;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The rules a contract value states about itself (a moment matches its precision, a range is not reversed), applied
 * by {@link ContractRuleValidator}. The contract cannot carry annotations, so {@link CommandConstraints} attaches
 * this one to the value types programmatically.
 */
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = ContractRuleValidator.class)
public @interface ContractRule {

    String message() default "is not valid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
