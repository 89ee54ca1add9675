package io.cachedjobs.http;

import io.cachedjobs.problem.ProblemReportValve;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What guards the service below Spring MVC: the body's limits of size and time, checked first of
 * all filters, then the refusal of any body that is not JSON in UTF-8, and Tomcat's own error
 * answers turned into problems.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpProperties.class)
class ServerConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(HttpProperties limits) {
        FilterRegistrationBean<RequestBodyFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyFilter(limits));
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
     * Tomcat's read timeout while a body arrives (by default the connection timeout, a minute):
     * set to the body timeout, it cuts off a client that goes silent, which {@link
     * RequestBodyFilter}, waiting in a read, cannot. Only the API's connector: the management
     * port takes no bodies.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> bodyTimeout(HttpProperties limits) {
        return factory -> {
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                    http.setDisableUploadTimeout(false);
                    http.setConnectionUploadTimeout((int) limits.bodyTimeout().toMillis());
                }
            });
            factory.addContextValves(new BodyTimeoutValve(limits.bodyTimeout()));
        };
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
