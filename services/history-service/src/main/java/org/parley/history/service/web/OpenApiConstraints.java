package org.parley.history.service.web;

import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.parley.history.contract.command.ParleyCommand;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Writes the validation rules into the OpenAPI description (required fields, lengths, sizes, patterns), read from
 * the validator itself, so that the description cannot drift from what the service enforces.
 */
@Component
class OpenApiConstraints implements OpenApiCustomizer {

    private static final List<Class<?>> DOCUMENTED = Stream.concat(
                    Arrays.stream(ParleyCommand.class.getPermittedSubclasses()),
                    Stream.of(
                            Citation.class,
                            Moment.class,
                            Publication.class,
                            OccurredTime.class,
                            AccountClaims.class,
                            NarrativeSelection.class))
            .toList();

    private final Validator validator;

    OpenApiConstraints(Validator validator) {
        this.validator = validator;
    }

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        for (Class<?> type : DOCUMENTED) {
            Schema<?> schema = schemas.get(type.getSimpleName());
            if (schema != null) {
                describe(type, schema);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void describe(Class<?> type, Schema<?> schema) {
        List<String> required = new ArrayList<>();
        for (PropertyDescriptor property :
                validator.getConstraintsForClass(type).getConstrainedProperties()) {
            Schema<Object> field = (Schema<Object>) schema.getProperties().get(property.getPropertyName());
            if (field == null) {
                continue;
            }
            if (apply(property.getConstraintDescriptors(), field)) {
                required.add(property.getPropertyName());
            }
            for (ContainerElementTypeDescriptor element : property.getConstrainedContainerElementTypes()) {
                if (field.getItems() != null) {
                    apply(element.getConstraintDescriptors(), (Schema<Object>) field.getItems());
                }
            }
        }
        if (!required.isEmpty()) {
            schema.setRequired(required.stream().sorted().toList());
        }
    }

    /** Copies the constraints onto the schema; answers whether they make the field required. */
    private static boolean apply(Set<ConstraintDescriptor<?>> constraints, Schema<Object> field) {
        boolean required = false;
        for (ConstraintDescriptor<?> constraint : constraints) {
            Annotation annotation = constraint.getAnnotation();
            if (annotation instanceof NotNull) {
                required = true;
            } else if (annotation instanceof NotBlank) {
                required = true;
                field.setMinLength(1);
            } else if (annotation instanceof Size size) {
                if (field.getItems() != null || "array".equals(field.getType())) {
                    field.setMaxItems(size.max());
                } else {
                    field.setMaxLength(size.max());
                }
            } else if (annotation instanceof Pattern pattern) {
                field.setPattern("^" + pattern.regexp() + "$");
            } else if (annotation instanceof Min min) {
                field.setMinimum(BigDecimal.valueOf(min.value()));
            }
        }
        return required;
    }
}
