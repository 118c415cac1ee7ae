package org.parley.history.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shape of the service, made executable (the package map is docs/ARCHITECTURE.md). Each feature ({@code sources},
 * {@code events}, {@code narratives}) has a write part (its aggregate) and a read part (its projection, rows and
 * questions); {@code commands} is the write side's kernel, {@code readmodel} the read side's, {@code ledger} the
 * event store itself. Each rule is also held to a class that breaks it (test package {@code
 * org.parley.history.archfixture}), so that a rule which no longer catches anything fails too.
 */
class ArchitectureTest {

    private static final String[] FEATURES = {"sources", "events", "narratives"};
    private static final String WRITE_PARTS = "..service.*.write..";
    private static final String[] READ_SIDE = {"..service.*.read..", "..service.readmodel.."};

    static final ArchRule READ_PARTS_NEVER_IMPORT_THE_WRITE_SIDE = noClasses()
            .that()
            .resideInAnyPackage(READ_SIDE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(WRITE_PARTS, "..service.commands..");

    static final ArchRule AGGREGATES_KNOW_NOTHING_OF_HTTP_SQL_THE_READ_SIDE_OR_EACH_OTHER = CompositeArchRule.of(
                    noClasses()
                            .that()
                            .resideInAPackage(WRITE_PARTS)
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(
                                    "org.springframework.web..",
                                    "jakarta.servlet..",
                                    "org.springframework.jdbc..",
                                    "java.sql..",
                                    "..service.web..",
                                    "..service.*.read..",
                                    "..service.readmodel.."))
            .and(CompositeArchRule.of(Arrays.stream(FEATURES)
                    .map(feature -> (ArchRule) noClasses()
                            .that()
                            .resideInAPackage("..service." + feature + ".write..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(Arrays.stream(FEATURES)
                                    .filter(other -> !other.equals(feature))
                                    .map(other -> "..service." + other + "..")
                                    .toArray(String[]::new))
                            .allowEmptyShould(true))
                    .toList()));

    static final ArchRule READ_PARTS_DEPEND_ONE_WAY = CompositeArchRule.of(
                    slices().matching("..service.(*).read..").should().beFreeOfCycles())
            .and(noClasses()
                    .that()
                    .resideInAPackage("..service.sources.read..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("..service.events..", "..service.narratives..")
                    .allowEmptyShould(true))
            .and(noClasses()
                    .that()
                    .resideInAPackage("..service.events.read..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("..service.narratives..")
                    .allowEmptyShould(true));

    private static final DescribedPredicate<JavaClass> AXON_GATEWAYS_AND_COMMAND_EXCEPTIONS =
            new DescribedPredicate<>("are Axon's gateways or its command-side exceptions") {
                @Override
                public boolean test(JavaClass type) {
                    String name = type.getName();
                    boolean gateway = name.startsWith("org.axonframework.")
                            && type.getSimpleName().endsWith("Gateway");
                    boolean commandSide = name.startsWith("org.axonframework.commandhandling.")
                            || name.startsWith("org.axonframework.modelling.")
                            || name.startsWith("org.axonframework.eventsourcing.");
                    return gateway || (commandSide && type.isAssignableTo(Throwable.class));
                }
            };

    static final ArchRule ONLY_THE_COMMAND_DISPATCH_TOUCHES_AXONS_GATEWAYS_AND_EXCEPTIONS = noClasses()
            .that()
            .resideOutsideOfPackage("..service.commands..")
            .should()
            .dependOnClassesThat(AXON_GATEWAYS_AND_COMMAND_EXCEPTIONS);

    static final ArchRule ONLY_WEB_AND_SECURITY_SPEAK_HTTP = noClasses()
            .that()
            .resideOutsideOfPackages("..service.web..", "..service.security..", "..service.workbench..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..");

    /** The workbench is the API's second face: it may use the API's HTTP pieces (problems, pushed changes). */
    static final ArchRule NOTHING_DEPENDS_ON_WEB = noClasses()
            .that()
            .resideOutsideOfPackages("..service.web..", "..service.workbench..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..service.web..");

    static final ArchRule ONLY_STREAMING_USES_KAFKA = noClasses()
            .that()
            .resideOutsideOfPackage("..service.streaming..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..");

    /**
     * The workbench asks the same query services as the API and nothing else: never the read tables, the write side
     * or the ledger.
     */
    static final ArchRule THE_WORKBENCH_READS_ONLY_THROUGH_THE_QUESTIONS = noClasses()
            .that()
            .resideInAPackage("..service.workbench..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework.jdbc..",
                    "java.sql..",
                    "..service.*.write..",
                    "..service.commands..",
                    "..service.ledger..",
                    "..service.database..");

    private static final Map<String, ArchRule> RULES = Map.of(
            "read parts never import the write side", READ_PARTS_NEVER_IMPORT_THE_WRITE_SIDE,
            "aggregates know nothing of HTTP, SQL, the read side or each other",
                    AGGREGATES_KNOW_NOTHING_OF_HTTP_SQL_THE_READ_SIDE_OR_EACH_OTHER,
            "read parts depend one way", READ_PARTS_DEPEND_ONE_WAY,
            "only the command dispatch touches Axon's gateways and exceptions",
                    ONLY_THE_COMMAND_DISPATCH_TOUCHES_AXONS_GATEWAYS_AND_EXCEPTIONS,
            "only web, security and the workbench speak HTTP", ONLY_WEB_AND_SECURITY_SPEAK_HTTP,
            "nothing depends on web", NOTHING_DEPENDS_ON_WEB,
            "only streaming uses Kafka", ONLY_STREAMING_USES_KAFKA,
            "the workbench reads only through the questions", THE_WORKBENCH_READS_ONLY_THROUGH_THE_QUESTIONS);

    private final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.parley.history.service");

    /** Classes that break every rule once: the rules must see each of them. */
    private final JavaClasses breakers = new ClassFileImporter().importPackages("org.parley.history.archfixture");

    @Test
    void read_parts_never_import_write_parts_or_the_command_side() {
        READ_PARTS_NEVER_IMPORT_THE_WRITE_SIDE.check(service);
    }

    @Test
    void aggregates_know_nothing_of_http_sql_the_read_side_or_each_other() {
        AGGREGATES_KNOW_NOTHING_OF_HTTP_SQL_THE_READ_SIDE_OR_EACH_OTHER.check(service);
    }

    @Test
    void read_parts_depend_one_way_narratives_on_events_on_sources() {
        READ_PARTS_DEPEND_ONE_WAY.check(service);
    }

    @Test
    void only_the_command_dispatch_touches_axons_gateways_and_command_exceptions() {
        ONLY_THE_COMMAND_DISPATCH_TOUCHES_AXONS_GATEWAYS_AND_EXCEPTIONS.check(service);
    }

    @Test
    void only_the_web_security_and_workbench_packages_speak_http() {
        ONLY_WEB_AND_SECURITY_SPEAK_HTTP.check(service);
    }

    @Test
    void nothing_depends_on_the_web_package() {
        NOTHING_DEPENDS_ON_WEB.check(service);
    }

    @Test
    void only_the_streaming_package_uses_kafka() {
        ONLY_STREAMING_USES_KAFKA.check(service);
    }

    @Test
    void the_workbench_reads_only_through_the_query_services() {
        THE_WORKBENCH_READS_ONLY_THROUGH_THE_QUESTIONS.check(service);
    }

    @Test
    void every_rule_catches_a_class_that_breaks_it() {
        RULES.forEach((name, rule) -> assertThat(rule.evaluate(breakers).hasViolation())
                .as("the rule '%s' sees the class that breaks it", name)
                .isTrue());
    }
}
