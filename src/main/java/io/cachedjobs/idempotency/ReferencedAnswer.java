package io.cachedjobs.idempotency;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Writes again the body of an answer kept as a reference ({@link AnswerReferences}), from what the
 * call wrote, as it is now. The feature whose route is {@code @Idempotent(rereadOnReplay = true)}
 * provides it; one bean serves every such route.
 */
public interface ReferencedAnswer {

    /**
     * Writes to {@code body} the answer that {@code reference} names in {@code organisation}.
     *
     * @throws IOException when the client is gone
     * @throws RuntimeException when reading fails part way (the body is then left incomplete)
     */
    void write(UUID organisation, UUID reference, OutputStream body) throws IOException;
}
