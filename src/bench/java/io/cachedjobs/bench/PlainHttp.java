package io.cachedjobs.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's HTTP client for the load and the reads: HTTP/1.1 on one kept-alive socket,
 * blocking, no thread of its own; the answer's body is read to its last byte and dropped. The
 * clients share the machine's cores with the service and PostgreSQL, as the floor's JDBC clients
 * do; the JDK's {@code HttpClient}, made for asynchronous use, took about ten times the CPU of a
 * JDBC call per trigger, CPU the service then did not have, and its own time inside each timed call.
 */
final class PlainHttp implements Closeable {

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    PlainHttp(int port) {
        this.port = port;
    }

    /** Sends one request and reads its whole answer; the answer's status. */
    int send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket("localhost", port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }
        StringBuilder request =
                new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            request.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] head = request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] whole = new byte[head.length + (body == null ? 0 : body.length)];
        System.arraycopy(head, 0, whole, 0, head.length);
        if (body != null) {
            System.arraycopy(body, 0, whole, head.length, body.length);
        }
        try {
            out.write(whole);
            out.flush();
            return readAnswer(method);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private int readAnswer(String method) throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean keepAlive = true;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> keepAlive = !value.contains("close");
                default -> {}
            }
        }
        if (method.equals("HEAD") || code == 204 || code == 304) {
            length = 0;
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            in.transferTo(OutputStream.nullOutputStream());
            keepAlive = false;
        }
        if (!keepAlive) {
            close();
        }
        return code;
    }

    private long chunkSize() throws IOException {
        String size = line();
        int extension = size.indexOf(';');
        return Long.parseLong(
                extension < 0 ? size.trim() : size.substring(0, extension).trim(), 16);
    }

    private void skip(long bytes) throws IOException {
        in.skipNBytes(bytes); // EOFException if the answer ends early
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed mid-answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
