package io.cachedjobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.cachedjobs.problem.ApiException;
import jakarta.persistence.Entity;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Service;

@AnalyzeClasses(packages = "io.cachedjobs", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCycles =
            slices().matching("io.cachedjobs.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sharedCodeKnowsNoFeature = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.cachedjobs.common..",
                    "io.cachedjobs.tenancy..",
                    "io.cachedjobs.paging..",
                    "io.cachedjobs.api..",
                    "io.cachedjobs.problem..",
                    "io.cachedjobs.http..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.cachedjobs.organisation..",
                    "io.cachedjobs.project..",
                    "io.cachedjobs.query..",
                    "io.cachedjobs.tag..",
                    "io.cachedjobs.provider..",
                    "io.cachedjobs.cachedjob..",
                    "io.cachedjobs.idempotency..",
                    "io.cachedjobs.security..",
                    "io.cachedjobs.ratelimit..");

    @ArchTest
    static final ArchRule entitiesStayInTheirFeature =
            noClasses().that().areAnnotatedWith(Entity.class).should().bePublic();

    @ArchTest
    static final ArchRule repositoriesStayInTheirFeature =
            noClasses().that().areAssignableTo(Repository.class).should().bePublic();

    /**
     * Services, entities, repositories, the shared kernel and the exceptions services throw know
     * nothing of HTTP: no servlet, Spring Web or Tomcat type, nor the service's own web layer. The
     * controllers, filters and problem writers translate between the two.
     */
    @ArchTest
    static final ArchRule theCoreKnowsNoHttp = noClasses()
            .that()
            .areAnnotatedWith(Service.class)
            .or()
            .areAnnotatedWith(Entity.class)
            .or()
            .areAssignableTo(Repository.class)
            .or()
            .resideInAnyPackage("io.cachedjobs.tenancy..", "io.cachedjobs.paging..", "io.cachedjobs.common..")
            .or()
            .areAssignableTo(ApiException.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "jakarta.servlet..",
                    "org.springframework.web..",
                    "org.springframework.http..",
                    "org.apache.catalina..",
                    "org.apache.tomcat..",
                    "io.cachedjobs.http..",
                    "io.cachedjobs.api..");
}
