package io.cachedjobs.analysis;

import io.cachedjobs.common.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Derives again, in the background, the answers behind their project's entities (a change to an
 * entity raised the version) or behind the algorithm, a batch per transaction. It never calls an
 * engine: it reads the stored answers. Resumable and safe on any number of instances: what is done
 * is in the rows' versions, a batch's answers are locked by the transaction deriving them (another
 * skips them), and a project is marked derived only when none of its answers is behind the version
 * read under the entity set's share lock, which an entity change waits for.
 */
@Component
public class AnswerDerivation {

    private static final Logger log = LoggerFactory.getLogger(AnswerDerivation.class);
    private static final int PROJECTS_PER_QUERY = 100;

    private final AnswerRows rows;
    private final TransactionOperations transactions;
    private final AnalysisProperties properties;

    AnswerDerivation(AnswerRows rows, TransactionOperations transactions, AnalysisProperties properties) {
        this.rows = rows;
        this.transactions = transactions;
        this.properties = properties;
    }

    /**
     * One round: every project found behind, each once, until none of its answers is (or only answers
     * whose derivation failed are, logged and left for the next round).
     *
     * @return the answers derived
     */
    public int deriveDue() {
        int derived = 0;
        List<UUID> visited = new ArrayList<>();
        List<UUID> projects;
        do {
            projects = rows.projectsBehind(PROJECTS_PER_QUERY, visited);
            for (UUID project : projects) {
                derived += deriveProject(project);
                visited.add(project);
            }
        } while (!projects.isEmpty());
        return derived;
    }

    private int deriveProject(UUID project) {
        int derived = 0;
        List<UUID> failed = new ArrayList<>();
        while (true) {
            List<UUID> batch;
            try {
                batch = transactions.execute(status -> {
                    AnswerRows.EntitySet set = rows.setOf(project);
                    List<UUID> behind = rows.behind(project, set.version(), properties.deriveBatch(), failed);
                    if (behind.isEmpty()) {
                        // None left but those that failed, or that another transaction holds (skipped).
                        if (failed.isEmpty() && !rows.anyBehind(project, set.version())) {
                            rows.markDerived(project, set.version(), Times.now());
                        }
                        return behind;
                    }
                    rows.derive(behind, set, Times.now());
                    return behind;
                });
            } catch (RuntimeException failure) {
                // One answer the extraction fails on must not hold the others back: one at a time.
                failed.addAll(deriveOneByOne(project, failed));
                continue;
            }
            if (batch.isEmpty()) {
                return derived;
            }
            derived += batch.size();
        }
    }

    /**
     * The project's next batch but the answers already known to fail, one answer per transaction;
     * answers the ones that failed.
     */
    private List<UUID> deriveOneByOne(UUID project, List<UUID> skip) {
        List<UUID> failed = new ArrayList<>();
        List<UUID> batch = transactions.execute(status -> {
            AnswerRows.EntitySet set = rows.setOf(project);
            return rows.behind(project, set.version(), properties.deriveBatch(), skip);
        });
        for (UUID answer : batch) {
            try {
                transactions.executeWithoutResult(
                        status -> rows.derive(List.of(answer), rows.setOf(project), Times.now()));
            } catch (RuntimeException failure) {
                log.error("Answer of execution {} could not be derived; left for the next round", answer, failure);
                failed.add(answer);
            }
        }
        return failed;
    }
}
