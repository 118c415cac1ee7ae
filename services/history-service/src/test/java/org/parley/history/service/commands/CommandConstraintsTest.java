package org.parley.history.service.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.correction;
import static org.parley.history.service.commands.LedgerFixtures.defineNarrative;
import static org.parley.history.service.commands.LedgerFixtures.link;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.retraction;
import static org.parley.history.service.commands.LedgerFixtures.reviseNarrative;
import static org.parley.history.service.commands.LedgerFixtures.sources;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.history.contract.command.DefineNarrative;
import org.parley.history.contract.command.ParleyCommand;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.command.ReportDiplomaticEvent;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.DiplomaticEventKind;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Precision;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.PublicationBasis;
import org.parley.history.contract.value.SourceKind;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * The shape checks a command passes before it reaches an aggregate, through the validator the application builds
 * ({@link ValidationConfiguration}), reported as {@link CommandDispatcher} reports them: property path and message.
 */
class CommandConstraintsTest {

    private static final String ID_SYNTAX =
            "must start with a letter or digit and contain only letters, digits, '.', '_', ':' or '-'";

    record Violation(String field, String reason) {}

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

    /** The built-in constraint messages are asserted in English, whatever the machine's locale. */
    @BeforeEach
    void english() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    private static List<Violation> violations(ParleyCommand command) {
        return validator.validate(command).stream()
                .map(v -> new Violation(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::reason))
                .toList();
    }

    // --- a valid command of every type ----------------------------------------------------------------------

    static Stream<ParleyCommand> validCommands() {
        return Stream.of(
                registerSource("s1"),
                registerSource("s2", "s1", "fa-1", "fa-2"),
                new RegisterSource(
                        "s3",
                        "Undated interview",
                        null,
                        null,
                        SourceKind.INTERVIEW,
                        Publication.unknown(),
                        null,
                        null,
                        null,
                        null),
                reportEvent("e1", "s1"),
                account("e1", "a1", "s1"),
                correction("e1", "a1", "c1", "s2"),
                retraction("e1", "a1", "r1", "s2"),
                link("e1", "l1", "e2", "s1"),
                defineNarrative("n1", sources("s1")),
                reviseNarrative("n1", "r1", sources("s1", "s2")));
    }

    @ParameterizedTest
    @MethodSource("validCommands")
    void a_well_formed_command_has_no_violations(ParleyCommand command) {
        assertThat(violations(command)).isEmpty();
    }

    // --- required fields ------------------------------------------------------------------------------------

    @Test
    void an_account_without_a_citation_is_refused_on_the_citation() {
        RecordAccount command =
                new RecordAccount("e1", "a1", null, LedgerFixtures.claims("2022-03-29", "Istanbul"), null);

        assertThat(violations(command)).containsExactly(new Violation("citation", "must not be null"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void a_blank_locator_is_refused_on_the_citation_locator(String locator) {
        RecordAccount command = withCitation(account("e1", "a1", "s1"), new Citation("s1", locator, null));

        assertThat(violations(command)).containsExactly(new Violation("citation.locator", "must not be blank"));
    }

    // --- ids ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"-a1", ".a1", "a 1", "a/1", "a1?", "konto-ä", "${a1}"})
    void an_id_with_characters_outside_the_id_syntax_is_refused(String accountId) {
        RecordAccount command = account("e1", accountId, "s1");

        assertThat(violations(command)).containsExactly(new Violation("accountId", ID_SYNTAX));
    }

    @Test
    void ids_may_contain_dots_underscores_colons_and_dashes_after_the_first_character() {
        assertThat(violations(account("e1", "urn:acct_2022.03-29", "s1"))).isEmpty();
    }

    @Test
    void a_cited_source_id_with_a_bad_syntax_is_refused_on_the_citation_source() {
        RecordAccount command = withCitation(account("e1", "a1", "s1"), Citation.of("../s1", "¶1"));

        assertThat(violations(command)).containsExactly(new Violation("citation.sourceId", ID_SYNTAX));
    }

    @Test
    void an_id_longer_than_128_characters_is_refused() {
        assertThat(violations(account("e1", "a".repeat(CommandConstraints.ID_MAX), "s1")))
                .isEmpty();
        assertThat(violations(account("e1", "a".repeat(CommandConstraints.ID_MAX + 1), "s1")))
                .containsExactly(new Violation("accountId", "size must be between 0 and 128"));
    }

    // --- lengths and sizes ----------------------------------------------------------------------------------

    @Test
    void a_title_longer_than_500_characters_is_refused() {
        assertThat(violations(reportEvent("e1", "s1", "t".repeat(CommandConstraints.TITLE_MAX))))
                .isEmpty();
        assertThat(violations(reportEvent("e1", "s1", "t".repeat(CommandConstraints.TITLE_MAX + 1))))
                .containsExactly(new Violation("title", "size must be between 0 and 500"));
    }

    @Test
    void a_blank_title_is_refused() {
        assertThat(violations(
                        new ReportDiplomaticEvent("e1", DiplomaticEventKind.SUMMIT, " ", Citation.of("s1", "¶1"))))
                .containsExactly(new Violation("title", "must not be blank"));
    }

    @Test
    void a_list_of_more_than_200_ids_is_refused_on_the_list() {
        assertThat(violations(registerSource("s1", null, ids(CommandConstraints.LIST_MAX))))
                .isEmpty();
        assertThat(violations(registerSource("s1", null, ids(CommandConstraints.LIST_MAX + 1))))
                .containsExactly(new Violation("restsOn", "size must be between 0 and 200"));
    }

    @Test
    void a_narrative_selecting_more_than_200_sources_is_refused_on_the_selection_list() {
        assertThat(violations(defineNarrative("n1", sources(ids(CommandConstraints.LIST_MAX + 1)))))
                .containsExactly(new Violation("selection.sourceIds", "size must be between 0 and 200"));
    }

    @Test
    void a_bad_id_inside_a_list_is_refused_on_its_element() {
        List<Violation> found = violations(defineNarrative("n1", sources("s1", "not an id")));

        assertThat(found).extracting(Violation::field).containsExactly("selection.sourceIds[1].<list element>");
        assertThat(found).extracting(Violation::reason).containsExactly(ID_SYNTAX);
    }

    // --- rules contract values state about themselves -------------------------------------------------------

    @Test
    void an_occurred_range_that_ends_before_it_starts_is_refused_on_the_occurred_time() {
        RecordAccount command = withOccurred(OccurredTime.between("2022-03-29", "2022-03-10"));

        assertThat(violations(command))
                .containsExactly(new Violation("claims.occurred", "ends (2022-03-10) before it starts (2022-03-29)"));
    }

    @Test
    void a_range_from_a_month_to_a_day_inside_it_is_not_reversed() {
        assertThat(violations(withOccurred(OccurredTime.between("2022-03", "2022-03-10"))))
                .isEmpty();
    }

    @Test
    void a_moment_that_does_not_match_its_precision_is_refused_on_the_moment() {
        RecordAccount command = withOccurred(new OccurredTime(new Moment(Precision.DAY, "2022-02-30"), null, false));

        assertThat(violations(command))
                .containsExactly(new Violation("claims.occurred.from", "'2022-02-30' is not a valid DAY (yyyy-MM-dd)"));
    }

    @Test
    void a_moment_of_no_recognisable_shape_is_refused_on_the_moment_alone() {
        RecordAccount command = withOccurred(OccurredTime.at("March 2022"));

        assertThat(violations(command))
                .containsExactly(new Violation(
                        "claims.occurred.from",
                        "'March 2022' is not an instant, a day (yyyy-MM-dd), a month (yyyy-MM) or a year (yyyy)"));
    }

    @Test
    void a_malformed_end_of_a_range_is_refused_on_the_end_alone() {
        RecordAccount command = withOccurred(OccurredTime.between("2022-03-29", "end of March"));

        assertThat(violations(command))
                .containsExactly(new Violation(
                        "claims.occurred.to",
                        "'end of March' is not an instant, a day (yyyy-MM-dd), a month (yyyy-MM) or a year (yyyy)"));
    }

    @Test
    void an_unknown_end_of_a_range_is_refused_on_the_occurred_time() {
        RecordAccount command = withOccurred(new OccurredTime(Moment.of("2022-03"), Moment.unknown(), false));

        assertThat(violations(command))
                .containsExactly(new Violation("claims.occurred", "'to' must be a known moment or absent"));
    }

    @Test
    void an_occurred_time_without_a_from_is_refused_on_the_occurred_time() {
        RecordAccount command = withOccurred(new OccurredTime(null, Moment.of("2022-03"), false));

        assertThat(violations(command))
                .containsExactly(new Violation("claims.occurred", "an occurred time needs a known 'from'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void an_inferred_publication_without_a_note_is_refused_on_the_publication(String note) {
        for (String absentNote : new String[] {null, note}) {
            RegisterSource command = withPublication(Publication.inferred("2024-06", absentNote));

            assertThat(violations(command))
                    .containsExactly(new Violation(
                            "publication", "an INFERRED publication needs a note saying how it was dated"));
        }
    }

    @Test
    void a_stated_publication_without_a_time_is_refused_on_the_publication() {
        RegisterSource command = withPublication(new Publication(Moment.unknown(), PublicationBasis.STATED, null));

        assertThat(violations(command))
                .containsExactly(new Violation("publication", "a STATED publication needs a time"));
    }

    @Test
    void a_malformed_publication_time_is_refused_on_the_time_alone() {
        RegisterSource command = withPublication(Publication.stated("spring 2024"));

        assertThat(violations(command))
                .containsExactly(new Violation(
                        "publication.time",
                        "'spring 2024' is not an instant, a day (yyyy-MM-dd), a month (yyyy-MM) or a year (yyyy)"));
    }

    @Test
    void an_unknown_publication_with_a_time_is_refused_on_the_publication() {
        RegisterSource command = withPublication(new Publication(Moment.of("2024"), PublicationBasis.UNKNOWN, null));

        assertThat(violations(command))
                .containsExactly(new Violation("publication", "an UNKNOWN publication has no time"));
    }

    @Test
    void an_account_that_claims_nothing_is_refused_on_its_claims() {
        RecordAccount command = new RecordAccount(
                "e1",
                "a1",
                Citation.of("s1", "¶1"),
                new AccountClaims(null, " ", List.of(), null, "", null, null, null),
                null);

        assertThat(violations(command))
                .containsExactly(new Violation("claims", "claims nothing: give at least one field"));
    }

    @Test
    void a_narrative_that_selects_nothing_is_refused_on_its_selection() {
        DefineNarrative command = defineNarrative("n1", new NarrativeSelection(null, List.of(), null, null));

        assertThat(violations(command))
                .containsExactly(
                        new Violation("selection", "selects nothing: give sourceIds, outlets, accountIds or linkIds"));
    }

    // --- client input in reasons is never interpreted -------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "${1+1}",
                "{x}",
                "#{1+1}",
                "\\${1+1}",
                "{jakarta.validation.constraints.NotNull.message}",
                "$\\{x}"
            })
    void a_reason_quoting_client_input_shows_it_literally(String value) {
        RecordAccount command = withOccurred(OccurredTime.at(value));

        List<Violation> found = violations(command);

        assertThat(found).extracting(Violation::field).containsExactly("claims.occurred.from");
        assertThat(found.get(0).reason())
                .isEqualTo("'" + value + "' is not an instant, a day (yyyy-MM-dd),"
                        + " a month (yyyy-MM) or a year (yyyy)");
    }

    @Test
    void an_expression_in_a_publication_time_is_not_evaluated() {
        RegisterSource command =
                withPublication(new Publication(new Moment(Precision.YEAR, "${1+1}"), PublicationBasis.STATED, null));

        assertThat(violations(command))
                .containsExactly(new Violation("publication.time", "'${1+1}' is not a valid YEAR (yyyy)"));
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static String[] ids(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "s" + i).toArray(String[]::new);
    }

    private static RecordAccount withCitation(RecordAccount command, Citation citation) {
        return new RecordAccount(
                command.eventId(), command.accountId(), citation, command.claims(), command.expectedVersion());
    }

    private static RecordAccount withOccurred(OccurredTime occurred) {
        return new RecordAccount(
                "e1",
                "a1",
                Citation.of("s1", "¶4"),
                new AccountClaims(occurred, null, null, null, null, null, null, null),
                null);
    }

    private static RegisterSource withPublication(Publication publication) {
        RegisterSource valid = registerSource("s1");
        return new RegisterSource(
                valid.sourceId(),
                valid.title(),
                valid.outlet(),
                valid.authors(),
                valid.kind(),
                publication,
                valid.url(),
                valid.language(),
                valid.republicationOf(),
                valid.restsOn());
    }
}
