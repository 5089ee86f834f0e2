package dev.keycard.directory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets with a read timeout from the start: the SDK bounds the TCP connect and each
 * operation, but not the TLS handshake, so a directory that accepts connections and never
 * answers (hung, or a wrong port) would hold a request thread for good. The SDK sets its own
 * timeouts on the socket once connected.
 */
final class BoundedHandshakes extends SSLSocketFactory {

    private final SSLSocketFactory tls;
    private final int timeoutMillis;

    BoundedHandshakes(SSLSocketFactory tls, int timeoutMillis) {
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
    }

    private Socket bounded(Socket socket) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return bounded(tls.createSocket());
    }

    @Override
    public Socket createSocket(Socket layered, String host, int port, boolean autoClose) throws IOException {
        return bounded(tls.createSocket(layered, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return bounded(tls.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return bounded(tls.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return bounded(tls.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        return bounded(tls.createSocket(host, port, local, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }
}
