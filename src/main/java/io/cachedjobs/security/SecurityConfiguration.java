package io.cachedjobs.security;

import io.cachedjobs.ratelimit.RateLimitGate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Stateless security for an API: no session, no cookie, so no CSRF; each call carries its key.
 * Who the caller is comes from {@link ApiKeyFilter}, what the call needs from {@link RouteAccess}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorProperties.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            KeyLookup keys,
            RouteAccess access,
            OperatorProperties operator,
            RateLimitGate rateLimits) {
        SecurityProblemHandler answers = new SecurityProblemHandler(operator, access);
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(
                        new ApiKeyFilter(keys, access, operator, rateLimits, answers),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest()
                        .access((authentication, context) -> new AuthorizationDecision(access.of(context.getRequest())
                                .grantedTo(
                                        authentication.get() == null
                                                ? null
                                                : authentication.get().getPrincipal()))))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(answers).accessDeniedHandler(answers));
        return http.build();
    }
}
