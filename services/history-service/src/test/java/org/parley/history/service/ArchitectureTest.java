package org.parley.history.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The shape of the service, made executable (the package map is docs/ARCHITECTURE.md). Each feature ({@code sources},
 * {@code events}, {@code narratives}) has a write part (its aggregate) and a read part (its projection, rows and
 * questions); {@code commands} is the write side's kernel, {@code readmodel} the read side's, {@code ledger} the
 * event store itself.
 */
class ArchitectureTest {

    private static final String[] FEATURES = {"sources", "events", "narratives"};
    private static final String WRITE_PARTS = "..service.*.write..";
    private static final String[] READ_SIDE = {"..service.*.read..", "..service.readmodel.."};

    private final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.parley.history.service");

    @Test
    void read_parts_never_import_write_parts_or_the_command_side() {
        noClasses()
                .that()
                .resideInAnyPackage(READ_SIDE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(WRITE_PARTS, "..service.commands..")
                .check(service);
    }

    @Test
    void aggregates_know_nothing_of_http_sql_the_read_side_or_each_other() {
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
                        "..service.readmodel..")
                .check(service);
        for (String feature : FEATURES) {
            noClasses()
                    .that()
                    .resideInAPackage("..service." + feature + ".write..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(Arrays.stream(FEATURES)
                            .filter(other -> !other.equals(feature))
                            .map(other -> "..service." + other + "..")
                            .toArray(String[]::new))
                    .check(service);
        }
    }

    @Test
    void read_parts_depend_one_way_narratives_on_events_on_sources() {
        slices().matching("..service.(*).read..").should().beFreeOfCycles().check(service);
        noClasses()
                .that()
                .resideInAPackage("..service.sources.read..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..service.events..", "..service.narratives..")
                .check(service);
        noClasses()
                .that()
                .resideInAPackage("..service.events.read..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..service.narratives..")
                .check(service);
    }

    @Test
    void only_the_command_dispatch_touches_axons_gateways_and_command_exceptions() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..service.commands..")
                .should()
                .dependOnClassesThat(AXON_GATEWAYS_AND_COMMAND_EXCEPTIONS)
                .check(service);
    }

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

    @Test
    void only_the_web_and_security_packages_speak_http() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..service.web..", "..service.security..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
                .check(service);
    }

    @Test
    void nothing_depends_on_the_web_package() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..service.web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..service.web..")
                .check(service);
    }

    @Test
    void only_the_streaming_package_uses_kafka() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..service.streaming..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..")
                .check(service);
    }
}
