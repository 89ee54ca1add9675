package io.cachedjobs.provider;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "AiProvider", description = "A provider key, the model it is transformed to, and its engine account")
public record ProviderResponse(
        @Schema(example = "openai") ProviderKey key,

        @Schema(description = "Model name written into cached jobs", example = "gpt-4.1-mini")
        String model,

        @Schema(example = "GPT-4 models") String description,

        @Schema(description = "The engine account the key calls, and whether it is called now")
        EngineStatus engine) {}
