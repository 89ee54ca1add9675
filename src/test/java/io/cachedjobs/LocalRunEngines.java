package io.cachedjobs;

import io.cachedjobs.execution.EnginesProperties;
import io.cachedjobs.support.SimulatedEngines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * The local run's engines: every engine account without a key of its own (none is set in the
 * environment, nor as an argument) is pointed at {@link SimulatedEngines}, started here on a free
 * port (or {@code simulated-engines.port}), with a share of busy answers ({@code
 * simulated-engines.fault-rate}, 0.05: now and then a 429 or 529, which the runner retries). An
 * account whose key is set keeps its base URL and calls the real engine. The runner is turned on,
 * with 8 workers, so that the demo trigger's 108 executions end within a minute.
 *
 * <p>These settings are a property source placed just below the environment variables: an argument or
 * a variable still overrides any of them (e.g. {@code --cachedjobs.runner.enabled=false}), while they
 * override the test configuration, which keeps the runner off for the tests. Hooked into {@link
 * TestApplication}'s start as a run listener: the environment is read once it is prepared, before
 * any bean is made; the context then holds this as the bean {@code localRunEngines}.
 */
final class LocalRunEngines implements SpringApplicationRunListener {

    static final String SOURCE = "localRunEngines";
    static final String KEY = "simulated-engine-key";
    static final int WORKERS = 8;
    /** How long a simulated engine takes to answer: real ones take seconds, a demo should not. */
    static final int MIN_DELAY_MS = 300;

    static final int MAX_DELAY_MS = 1_500;

    private final List<String> simulated = new ArrayList<>();
    private final List<String> real = new ArrayList<>();
    private @Nullable SimulatedEngines engines;
    private double faultRate;
    private boolean runnerEnabled;

    @Override
    public void environmentPrepared(ConfigurableBootstrapContext bootstrap, ConfigurableEnvironment environment) {
        Map<String, EnginesProperties.Account> accounts = new TreeMap<>(Binder.get(environment)
                .bind("cachedjobs.engines.accounts", Bindable.mapOf(String.class, EnginesProperties.Account.class))
                .orElse(Map.of()));
        accounts.forEach((name, account) -> {
            boolean keyed = account.apiKey() != null && !account.apiKey().isBlank();
            (keyed ? real : simulated).add(name);
        });
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("cachedjobs.runner.enabled", "true");
        settings.put("cachedjobs.runner.workers", Integer.toString(WORKERS));
        if (!simulated.isEmpty()) {
            faultRate = environment.getProperty("simulated-engines.fault-rate", Double.class, 0.05);
            engines = SimulatedEngines.start(
                    environment.getProperty("simulated-engines.port", Integer.class, 0),
                    SimulatedEngines.DEFAULT_SEED,
                    faultRate,
                    MIN_DELAY_MS,
                    MAX_DELAY_MS);
            for (String account : simulated) {
                settings.put("cachedjobs.engines.accounts." + account + ".base-url", engines.baseUrl());
                settings.put("cachedjobs.engines.accounts." + account + ".api-key", KEY);
                // A simulated engine has no limit worth waiting on: the default (60 a minute) would
                // spread the demo trigger's calls over more than a minute.
                settings.put("cachedjobs.engines.accounts." + account + ".requests-per-minute", "600");
            }
        }
        MutablePropertySources sources = environment.getPropertySources();
        MapPropertySource source = new MapPropertySource(SOURCE, settings);
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
        runnerEnabled = environment.getProperty("cachedjobs.runner.enabled", Boolean.class, true);
    }

    @Override
    public void contextPrepared(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton(SOURCE, this);
        // Stopped with the beans, after the runner has let its calls in flight finish (a context's
        // closed event comes before that, and would cut those calls off).
        ((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean(SOURCE + "Stop", this::stop);
    }

    @Override
    public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
        stop();
    }

    private void stop() {
        if (engines != null) {
            engines.close();
            engines = null;
        }
    }

    /** What the local run prints about its engines and runner, a line or a few. */
    String describe() {
        StringBuilder text = new StringBuilder();
        if (engines != null) {
            text.append(String.format(
                    "Engines: simulated at %s for the accounts%n  %s:%n"
                            + "  varied answers about Acme CRM and its competitors, with sources;%n"
                            + "  %.0f%% of the calls busy (a 429 or 529, which the runner retries).%n",
                    engines.baseUrl(), String.join(", ", simulated), faultRate * 100));
        }
        text.append(
                real.isEmpty()
                        ? String.format(
                                "Real engines: none. To call one, set its account's key in the environment and restart,%n"
                                        + "e.g. export CACHEDJOBS_ENGINES_ACCOUNTS_OPENAI_APIKEY=sk-...%n")
                        : String.format("Real engines (their keys are set): %s.%n", String.join(", ", real)));
        text.append(
                runnerEnabled
                        ? String.format("The runner is on (%d workers): triggered jobs run at once.%n", WORKERS)
                        : String.format("The runner is off (cachedjobs.runner.enabled=false): jobs stay pending.%n"));
        return text.toString();
    }
}
