package io.cachedjobs.http;

import io.cachedjobs.problem.ProblemReportValve;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What guards the service below Spring MVC: the body size limit, checked first of all filters,
 * then the refusal of any body that is not JSON in UTF-8, and Tomcat's own error answers turned
 * into problems.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpProperties.class)
class ServerConfiguration {

    @Bean
    FilterRegistrationBean<MaxBodySizeFilter> maxBodySizeFilter(HttpProperties limits) {
        FilterRegistrationBean<MaxBodySizeFilter> registration =
                new FilterRegistrationBean<>(new MaxBodySizeFilter(limits.maxBodySize()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<JsonBodyFilter> jsonBodyFilter() {
        FilterRegistrationBean<JsonBodyFilter> registration = new FilterRegistrationBean<>(new JsonBodyFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Replaces the host's error report valve, which Boot adds as a plain {@link ErrorReportValve},
     * with one answering problems. Unordered, so it runs after Boot's Tomcat customizer (order 0)
     * and finds its valve there to replace.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        // The host adds a valve of this class at start unless one is there already
                        host.setErrorReportValveClass(ProblemReportValve.class.getName());
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        host.getPipeline().addValve(new ProblemReportValve());
                    }
                });
            }
        };
    }
}
