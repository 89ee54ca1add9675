package io.cachedjobs.problem;

import jakarta.servlet.ServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Marks the call that began to commit writes: from then on they are stored, or may be (a connection
 * lost during the commit leaves its outcome unknown). A failure answered after that point must not
 * say "nothing was changed". Told by every transaction the service runs (Spring Boot adds each
 * {@link TransactionExecutionListener} bean to the transaction manager).
 */
@Component
class CommittedWrites implements TransactionExecutionListener {

    private static final String ATTRIBUTE = CommittedWrites.class.getName();

    @Override
    public void beforeCommit(TransactionExecution transaction) {
        RequestAttributes call = RequestContextHolder.getRequestAttributes();
        if (!transaction.isReadOnly() && call != null) {
            call.setAttribute(ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** Whether the call committed writes, or may have. */
    static boolean in(ServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }
}
