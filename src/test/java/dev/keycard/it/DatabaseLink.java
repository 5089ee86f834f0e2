package dev.keycard.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between one test server and PostgreSQL that the test can cut and restore. Cut, it
 * closes every open connection and refuses new ones, which is what a node sees when its database
 * stops; the database itself keeps running for the other node and the test's own checks.
 */
final class DatabaseLink implements AutoCloseable {

    private final int port;
    private final InetSocketAddress database;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    DatabaseLink(int port, String host, int databasePort) {
        this.port = port;
        this.database = new InetSocketAddress(host, databasePort);
    }

    synchronized void restore() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = server;
        Thread accepting = new Thread(() -> accept(server), "database-link");
        accepting.setDaemon(true);
        accepting.start();
    }

    synchronized void cut() throws IOException {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream;
                try {
                    upstream = new Socket(database.getAddress(), database.getPort());
                } catch (IOException refused) {
                    client.close();
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException closed) {
                // the link was cut, or the database refused: the node sees a refused connection
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread copying = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException cut) {
                        // one side closed
                    } finally {
                        try {
                            from.close();
                            to.close();
                        } catch (IOException ignored) {
                            // already closed
                        }
                        sockets.remove(from);
                        sockets.remove(to);
                    }
                },
                "database-link-pipe");
        copying.setDaemon(true);
        copying.start();
    }
}
