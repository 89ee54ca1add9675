package io.cachedjobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.cachedjobs.problem.ApiException;
import jakarta.persistence.Entity;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.ControllerAdvice;

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
                    "io.cachedjobs.entity..",
                    "io.cachedjobs.analysis..",
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
            .or(areCoreComponents())
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

    /**
     * Every other bean of a feature, such as the plain-SQL beans and the catalogue, but the web
     * layer's: controllers, configuration, and the components that exist to serve filters (the
     * rate limit's HTTP answer, the route tables read from Spring MVC's handler mapping, the mark a
     * committed write leaves on its call, the trigger's answer replayed to its retries).
     */
    private static DescribedPredicate<JavaClass> areCoreComponents() {
        Set<String> webComponents =
                Set.of("RateLimitGate", "RouteAccess", "IdempotentRoutes", "CommittedWrites", "TriggerReplay");
        return DescribedPredicate.describe(
                "components outside the web layer",
                type -> type.isMetaAnnotatedWith(Component.class)
                        && !type.isMetaAnnotatedWith(Controller.class)
                        && !type.isMetaAnnotatedWith(ControllerAdvice.class)
                        && !type.isMetaAnnotatedWith(Configuration.class)
                        && !webComponents.contains(type.getSimpleName()));
    }
}
