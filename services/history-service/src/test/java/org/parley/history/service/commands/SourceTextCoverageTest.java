package org.parley.history.service.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.history.contract.command.CorrectAccount;
import org.parley.history.contract.command.CorrectFlag;
import org.parley.history.contract.command.DefineNarrative;
import org.parley.history.contract.command.FlagAccount;
import org.parley.history.contract.command.LinkEvents;
import org.parley.history.contract.command.ParleyCommand;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.command.ReportDiplomaticEvent;
import org.parley.history.contract.command.RetractAccount;
import org.parley.history.contract.command.RetractFlag;
import org.parley.history.contract.command.ReviseNarrative;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.DiplomaticEventKind;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.PublicationBasis;
import org.parley.history.contract.value.SourceKind;
import org.parley.history.service.commands.InvalidCommand.FieldViolation;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * Every text in every command, found by walking the contract's records rather than listed by hand, refuses a
 * character no source contains, on its own field and with its position: a text field added to the contract
 * without the rule fails here.
 */
class SourceTextCoverageTest {

    private static final String BAD = "\u0000\u0007\r\u007f\u0085\ud800\udc00";

    private static LocalValidatorFactoryBean validator;

    @BeforeAll
    static void theApplicationsValidator() {
        validator = new ValidationConfiguration().validator();
        validator.afterPropertiesSet();
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    /** One command of each type with every text, list and nested value filled in, so the walk reaches them all. */
    static List<ParleyCommand> fullCommands() {
        Citation citation = new Citation("s1", "¶3", "a quote");
        AccountClaims claims = new AccountClaims(
                new OccurredTime(Moment.of("2022-03-29"), Moment.of("2022-03-30"), false),
                "Istanbul",
                List.of("Ukraine", "Russia"),
                "proposed",
                "agreed",
                "refused",
                "outcome",
                "summary");
        NarrativeSelection selection =
                new NarrativeSelection(List.of("s1"), List.of("Outlet"), List.of("a1"), List.of("l1"));
        return List.of(
                new RegisterSource(
                        "s2",
                        "A title",
                        "An outlet",
                        List.of("An author"),
                        SourceKind.ARTICLE,
                        new Publication(Moment.of("2024-04"), PublicationBasis.INFERRED, "dated by its references"),
                        "https://example.org/a",
                        "en",
                        "s1",
                        List.of("s0")),
                new ReportDiplomaticEvent("e1", DiplomaticEventKind.TALKS_ROUND, "A title", citation),
                new RecordAccount("e1", "a1", citation, claims, 3L),
                new CorrectAccount("e1", "a1", "c1", citation, claims, Moment.of("2022-04-01"), "a reason", 3L),
                new RetractAccount("e1", "a1", "r1", citation, Moment.of("2022-04-01"), "a reason", 3L),
                new LinkEvents("e1", "l1", LinkRelation.CAUSED, "e2", citation, "a1", 3L),
                new FlagAccount("e1", "a1", "f1", citation, "a reason", 3L),
                new CorrectFlag("e1", "f1", "f1.c1", citation, "a reason", 3L),
                new RetractFlag("e1", "f1", "f1.r1", citation, "a reason", 3L),
                new DefineNarrative("n1", "A title", "A description", selection),
                new ReviseNarrative("n1", "r1", "A title", "A description", selection, 3L));
    }

    @Test
    void the_full_commands_are_valid() {
        for (ParleyCommand command : fullCommands()) {
            assertThat(violations(command))
                    .as(command.getClass().getSimpleName())
                    .isEmpty();
        }
    }

    @Test
    void every_command_type_is_covered() {
        assertThat(fullCommands().stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(ParleyCommand.class.getPermittedSubclasses());
    }

    static Stream<Arguments> everyTextOfEveryCommand() {
        List<Arguments> cases = new ArrayList<>();
        for (ParleyCommand command : fullCommands()) {
            for (String field : textFields(command, "")) {
                for (char bad : BAD.toCharArray()) {
                    cases.add(Arguments.of(command.getClass().getSimpleName(), field, bad, command));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}.{1} with U+{2}")
    @MethodSource("everyTextOfEveryCommand")
    void a_character_no_source_contains_is_refused_on_its_field_with_its_position(
            String type, String field, char bad, ParleyCommand command) throws Exception {
        ParleyCommand hostile =
                (ParleyCommand) withText(command, field, text -> text.charAt(0) + "" + bad + text.substring(1));

        List<FieldViolation> found = violations(hostile);

        assertThat(found)
                .filteredOn(violation -> violation.field().equals(field))
                .anySatisfy(violation -> {
                    assertThat(violation.position()).isEqualTo(2);
                    assertThat(violation.reason()).contains("at character 2");
                });
    }

    @Test
    void the_walk_finds_nested_texts_and_list_elements() {
        assertThat(fullCommands().stream()
                        .flatMap(command -> textFields(command, "").stream())
                        .distinct())
                .contains(
                        "claims.place",
                        "claims.participants[0]",
                        "claims.occurred.from.value",
                        "citation.locator",
                        "citation.quote",
                        "publication.note",
                        "authors[0]",
                        "selection.outlets[0]",
                        "restsOn[0]",
                        "reason",
                        "description");
    }

    private static List<FieldViolation> violations(ParleyCommand command) {
        return validator.validate(command).stream()
                .map(CommandDispatcher::violationOf)
                .toList();
    }

    /** The paths of every text in a contract record: its strings, the first element of its lists, its values'. */
    private static List<String> textFields(Object record, String prefix) {
        List<String> fields = new ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = read(component, record);
            String path = prefix + component.getName();
            if (value instanceof String) {
                fields.add(path);
            } else if (value instanceof List<?> list && isListOfStrings(component)) {
                assertThat(list).as(path + " must have an element for the walk").isNotEmpty();
                fields.add(path + "[0]");
            } else if (value != null && value.getClass().isRecord()) {
                fields.addAll(textFields(value, path + "."));
            }
        }
        return fields;
    }

    private static boolean isListOfStrings(RecordComponent component) {
        return component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] == String.class;
    }

    /** A copy of the record with the text at the path changed. */
    private static Object withText(Object record, String path, java.util.function.UnaryOperator<String> change)
            throws Exception {
        String head = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
        String rest = path.contains(".") ? path.substring(path.indexOf('.') + 1) : null;
        String name = head.replaceAll("\\[0]$", "");
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value = read(components[i], record);
            if (components[i].getName().equals(name)) {
                if (rest != null) {
                    value = withText(value, rest, change);
                } else if (head.endsWith("[0]")) {
                    List<String> list = new ArrayList<>(castToStrings(value));
                    list.set(0, change.apply(list.get(0)));
                    value = list;
                } else {
                    value = change.apply((String) value);
                }
            }
            values[i] = value;
        }
        Constructor<?> canonical = record.getClass()
                .getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        return canonical.newInstance(values);
    }

    @SuppressWarnings("unchecked")
    private static List<String> castToStrings(Object value) {
        return (List<String>) value;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
