package org.parley.history.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ContractIsFrameworkFreeTest {

    private final JavaClasses contract = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.parley.history.contract");

    @Test
    void the_contract_depends_on_nothing_but_the_jdk() {
        classes()
                .that()
                .resideInAPackage("org.parley.history.contract..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("org.parley.history.contract..", "java..")
                .check(contract);
    }

    @Test
    void commands_and_events_are_records() {
        classes()
                .that()
                .resideInAnyPackage("..contract.command..", "..contract.event..")
                .and()
                .areNotInterfaces()
                .should()
                .beRecords()
                .check(contract);
    }

    @Test
    void the_contract_does_not_know_the_service() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.parley.history.service..")
                .check(contract);
    }
}
