package dev.keycard.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps every request body (Keycard only ever takes small JSON documents), so that a client cannot
 * make the server buffer or parse megabytes. A declared Content-Length over the cap is refused
 * before reading; a chunked body is cut off as soon as it passes the cap.
 */
@Provider
@PreMatching
public class RequestBodyLimit implements ContainerRequestFilter {

    static final int LIMIT = 16 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > LIMIT) {
            throw new RequestTooLarge(LIMIT);
        }
        // Form bodies are parsed by the servlet container (the OAuth endpoints read them as request
        // parameters, not through this stream), so only their declared length can be checked here.
        if (request.hasEntity() && !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
            request.setEntityStream(new CappedStream(request.getEntityStream()));
        }
    }

    private static final class CappedStream extends FilterInputStream {
        private long read;

        CappedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > LIMIT) {
                throw new RequestTooLarge(LIMIT);
            }
        }
    }
}
