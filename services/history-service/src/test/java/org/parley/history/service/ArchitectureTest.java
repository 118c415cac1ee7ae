package org.parley.history.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shape of the service, made executable. */
class ArchitectureTest {

    private static final String[] AGGREGATES = {"..service.sources..", "..service.events..", "..service.narratives.."};

    private final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.parley.history.service");

    @Test
    void aggregates_know_nothing_of_http_sql_or_each_other() {
        noClasses()
                .that()
                .resideInAnyPackage(AGGREGATES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "jakarta.servlet..",
                        "org.springframework.jdbc..",
                        "java.sql..",
                        "..service.web..",
                        "..service.database..")
                .check(service);
        for (String aggregate : AGGREGATES) {
            noClasses()
                    .that()
                    .resideInAPackage(aggregate)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others(aggregate))
                    .check(service);
        }
    }

    private static String[] others(String aggregate) {
        return java.util.Arrays.stream(AGGREGATES)
                .filter(other -> !other.equals(aggregate))
                .toArray(String[]::new);
    }

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
    void only_the_streaming_package_imports_spring_kafka() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..service.streaming..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework.kafka..")
                .check(service);
    }

    @Test
    void commands_reach_the_ledger_only_through_the_dispatcher() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..service.ledger..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.axonframework.commandhandling.gateway.CommandGateway")
                .check(service);
    }
}
