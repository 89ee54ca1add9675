package io.cachedjobs.idempotency;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A keyed call's answer, held back so that it can be kept before it goes out; except once the call
 * has committed a reference to its writes as its answer ({@link AnswerReferences}): from then on it
 * is written straight out, however large, and nothing of it is held.
 */
final class HeldAnswer extends ContentCachingResponseWrapper {

    private final KeyedCall call;

    HeldAnswer(HttpServletResponse response, KeyedCall call) {
        super(response);
        this.call = call;
    }

    private boolean passesThrough() {
        return call.referenceCommitted() && getContentSize() == 0;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        return passesThrough() ? getResponse().getOutputStream() : super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        return passesThrough() ? getResponse().getWriter() : super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
        if (passesThrough()) {
            getResponse().flushBuffer();
        }
    }

    @Override
    public void setContentLength(int length) {
        if (passesThrough()) {
            getResponse().setContentLength(length);
        } else {
            super.setContentLength(length);
        }
    }

    @Override
    public void setContentLengthLong(long length) {
        if (passesThrough()) {
            getResponse().setContentLengthLong(length);
        } else {
            super.setContentLengthLong(length);
        }
    }
}
