package io.cachedjobs.execution;

import io.cachedjobs.engine.EngineUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What a call cost, in USD millionths, from {@code cachedjobs.engines.prices} where the engine
 * states no cost: uncached prompt tokens, cached prompt tokens, answer tokens, searches and the
 * call itself, at the model's price in effect on the call's UTC day. A price per million tokens is
 * micro-dollars per token, so the sum is exact before it is rounded (half up) to a whole micro.
 */
@Component
class PriceTable {

    private static final BigDecimal MICROS_PER_USD = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal MICROS_PER_THOUSAND = BigDecimal.valueOf(1_000);

    /** Each model's prices, latest first. */
    private final Map<String, List<EnginesProperties.Price>> byModel;

    PriceTable(EnginesProperties properties) {
        this.byModel = properties.prices().stream()
                .collect(Collectors.groupingBy(
                        EnginesProperties.Price::model,
                        Collectors.collectingAndThen(
                                Collectors.toList(),
                                prices -> prices.stream()
                                        .sorted(Comparator.comparing(EnginesProperties.Price::effectiveFrom)
                                                .reversed())
                                        .toList())));
    }

    /**
     * The cost of one call of {@code model} on {@code day}; empty when no price of the model is in
     * effect that day (the cost is then unknown, never guessed).
     */
    Optional<Long> costMicros(String model, LocalDate day, EngineUsage usage) {
        return byModel.getOrDefault(model, List.of()).stream()
                .filter(price -> !price.effectiveFrom().isAfter(day))
                .findFirst()
                .map(price -> cost(price, usage));
    }

    private static long cost(EnginesProperties.Price price, EngineUsage usage) {
        long cached = Math.min(usage.cachedInputTokens(), usage.inputTokens());
        BigDecimal cachedPrice =
                price.cachedInputPerMillion() == null ? price.inputPerMillion() : price.cachedInputPerMillion();
        BigDecimal micros = price.inputPerMillion()
                .multiply(BigDecimal.valueOf(usage.inputTokens() - cached))
                .add(cachedPrice.multiply(BigDecimal.valueOf(cached)))
                .add(price.outputPerMillion().multiply(BigDecimal.valueOf(usage.outputTokens())))
                .add(price.perThousandSearches()
                        .multiply(MICROS_PER_THOUSAND)
                        .multiply(BigDecimal.valueOf(usage.searchCalls())))
                .add(price.perCall().multiply(MICROS_PER_USD));
        return micros.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
