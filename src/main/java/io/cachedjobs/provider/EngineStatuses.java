package io.cachedjobs.provider;

import io.cachedjobs.problem.NotFoundException;
import java.util.List;
import java.util.Map;

/**
 * Where each provider key's engine account stands: the runner knows (its accounts, their limits and
 * pauses), the catalogue shows it. Implemented by the runner's feature.
 */
public interface EngineStatuses {

    /** The state of the account each of {@code providerKeys} calls, by key, in their order. */
    Map<String, EngineStatus> statusesOf(List<String> providerKeys);

    /**
     * Clears the pause of {@code account}, whatever its reason; a daily budget still spent pauses
     * it again at its next call.
     *
     * @return its state afterwards
     * @throws NotFoundException when no account of that name is configured
     */
    EngineStatus resume(String account);
}
