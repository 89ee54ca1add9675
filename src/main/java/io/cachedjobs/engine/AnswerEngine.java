package io.cachedjobs.engine;

/**
 * The port to an answer engine: one account of one engine, spoken to in its own wire format (an
 * adapter per format). The runner asks it one question per execution and records what comes back;
 * it knows nothing of the engine's HTTP.
 */
public interface AnswerEngine {

    /**
     * Asks {@code question} once, over the network, and waits for the whole answer (no streaming).
     *
     * @return the engine's answer: its text with its sources and usage, or no text with the reason
     *     (no AI Overview for this query, a refusal): a valid observation, not a failure
     * @throws EngineFailure when the engine gives no answer: rate limited (with its wait hint), out of
     *     credit, overloaded, refused credentials, a refused request, a server error or a time-out
     */
    EngineAnswer ask(EngineQuestion question);
}
