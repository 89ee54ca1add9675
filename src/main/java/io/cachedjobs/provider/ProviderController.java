package io.cachedjobs.provider;

import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/ai-providers")
@Tag(name = "AI providers", description = "The catalogue of provider keys and their models")
class ProviderController {

    private final ProviderCatalogue catalogue;

    ProviderController(ProviderCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    @Access(Right.VIEWER)
    @Operation(summary = "List the provider keys accepted in aiModels and the model each is transformed to")
    List<ProviderResponse> list() {
        return catalogue.all();
    }
}
