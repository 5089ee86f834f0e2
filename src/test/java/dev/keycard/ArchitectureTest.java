package dev.keycard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/** The layout docs/development.md describes, held against the compiled code. */
class ArchitectureTest {

    private static final JavaClasses KEYCARD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.keycard");

    @Test
    void featurePackagesDependOnEachOtherOneWayOnly() {
        slices().matching("dev.keycard.(*)..").should().beFreeOfCycles().check(KEYCARD);
    }

    @Test
    void resourcesLeaveTheDatabaseToTheirControls() {
        noClasses()
                .that()
                .areAnnotatedWith(Path.class)
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(EntityManager.class)
                .check(KEYCARD);
    }
}
