package io.cachedjobs.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte on a socket, for what a proper client refuses to send: illegal
 * characters in the request line or headers, repeated or oversized headers, a wrong
 * {@code Content-Length}, invalid UTF-8, chunked bodies of any size. Each request uses its own
 * connection ({@code Connection: close}) and reads the answer to the end.
 *
 * <p>An answer to a request whose request line names an operation of the service's OpenAPI
 * document, its method and its path, is checked against that document as {@link Api}'s answers
 * are ({@link DocumentedAnswers}). A request line that is no {@code METHOD /path HTTP/1.1}, or a
 * body in a transfer coding the server does not implement, reaches no operation: Tomcat answers
 * it, and the document describes operations.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    /**
     * Sends the request: {@code head} is the request line and headers as written (without the blank
     * line); {@code Connection: close} is added. A body is sent as is, or chunked when asked.
     */
    public Response send(String head, byte[] body, boolean chunked) {
        return send(head.getBytes(StandardCharsets.ISO_8859_1), body, chunked);
    }

    public Response send(byte[] head, byte[] body, boolean chunked) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(head);
            request.write("\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (chunked) {
                request.write("Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                request.write(chunked ? chunk(body) : body);
            }
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading a body it refuses; read its answer
            }
            Response response = read(socket.getInputStream());
            checkAgainstDocument(head, response);
            return response;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within 30 s", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkAgainstDocument(byte[] head, Response response) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int lineEnd = text.indexOf("\r\n");
        String[] requestLine = (lineEnd < 0 ? text : text.substring(0, lineEnd)).split(" ", -1);
        String path = null;
        if (requestLine.length == 3
                && requestLine[2].equals("HTTP/1.1")
                && requestLine[1].startsWith("/")
                && !framedUnreadably(text)) {
            int query = requestLine[1].indexOf('?');
            path = query < 0 ? requestLine[1] : requestLine[1].substring(0, query);
        }
        DocumentedAnswers.of(port)
                .check(
                        requestLine[0],
                        path,
                        abbreviate(text.replace("\r\n", " | ")),
                        response.status(),
                        response.headers(),
                        response.body());
    }

    /**
     * Whether the head names a transfer coding other than chunked, the one every HTTP/1.1 server
     * reads: the server refuses such a message with a 501 before reading it (RFC 9112 6.1), and so
     * before any operation.
     */
    private static boolean framedUnreadably(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0
                    && line.substring(0, colon).trim().equalsIgnoreCase("Transfer-Encoding")
                    && !line.substring(colon + 1).trim().equalsIgnoreCase("chunked")) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "... (" + text.length() + " chars)";
    }

    /** The body in chunks of at most 8 KiB, then the last chunk. */
    private static byte[] chunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 8192) {
            int length = Math.min(8192, body.length - offset);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, offset, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static Response read(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /** An answer read to its end by other means, e.g. a test's own socket. */
    public static Response parse(byte[] all) {
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int start = 0;
        int end;
        String[] lines;
        int status;
        do {
            end = text.indexOf("\r\n\r\n", start);
            if (end < 0) {
                throw new AssertionError("not an HTTP answer: " + text);
            }
            lines = text.substring(start, end).split("\r\n");
            status = Integer.parseInt(lines[0].split(" ")[1]);
            // A 1xx (100 Continue to an Expect) is interim: the answer follows it (RFC 9110 15.2).
            start = end + 4;
        } while (status < 200);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            rest = dechunk(rest);
        }
        return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, length);
            at = lineEnd + 2 + length + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
