package io.streamgate.gateway.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.util.IO;

/**
 * Holds the connectors to the {@link ConnectionBudget}: a new connection past a cap is closed as soon as it is
 * accepted, before a byte of it is read, so it neither waits in a queue nor takes a parser or buffer. Registered as
 * a bean of each connector, as Jetty's own {@code ConnectionLimit} is; unlike that one it refuses rather than
 * pausing the acceptors, so that one client's flood cannot hold everyone else in the accept queue.
 *
 * <p>Every accepted channel ends in exactly one of Jetty's {@code onAcceptFailed} or {@code onOpened} (later
 * {@code onClosed}), so an admission is released exactly once whichever way it goes.
 */
final class ConnectionGuard implements SelectorManager.AcceptListener, Connection.Listener {

    private final ConnectionBudget budget;
    private final Map<SelectableChannel, InetAddress> accepting = new ConcurrentHashMap<>();
    private final Map<Connection, InetAddress> admitted = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refusedPerAddress = new AtomicLong();
    private final AtomicLong refusedGlobal = new AtomicLong();

    ConnectionGuard(ConnectionBudget budget) {
        this.budget = budget;
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        accepted.incrementAndGet();
        InetAddress peer = peer(channel);
        ConnectionBudget.Verdict verdict = peer == null ? ConnectionBudget.Verdict.ADMITTED : budget.tryAdmit(peer);
        switch (verdict) {
            case ADMITTED -> {
                if (peer != null) {
                    accepting.put(channel, peer);
                }
            }
            case OVER_ADDRESS_CAP -> refuse(channel, refusedPerAddress);
            case OVER_GLOBAL_CAP -> refuse(channel, refusedGlobal);
        }
    }

    /** Closed at once; Jetty then fails the accept (onAcceptFailed), which finds nothing to release. */
    private static void refuse(SelectableChannel channel, AtomicLong counter) {
        counter.incrementAndGet();
        IO.close(channel);
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        InetAddress peer = accepting.remove(channel);
        if (peer != null) {
            budget.release(peer);
        }
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress peer = accepting.remove(connection.getEndPoint().getTransport());
        if (peer != null) {
            admitted.put(connection, peer);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress peer = admitted.remove(connection);
        if (peer != null) {
            budget.release(peer);
        }
    }

    /** Connections accepted so far, refused ones included: it grows as long as an acceptor is alive and offered work. */
    long accepted() {
        return accepted.get();
    }

    long refusedPerAddress() {
        return refusedPerAddress.get();
    }

    long refusedGlobal() {
        return refusedGlobal.get();
    }

    ConnectionBudget budget() {
        return budget;
    }

    private static InetAddress peer(SelectableChannel channel) {
        try {
            return channel instanceof SocketChannel socket
                    && socket.getRemoteAddress() instanceof InetSocketAddress address ? address.getAddress() : null;
        } catch (IOException e) {
            return null; // already closed by the peer: Jetty fails the accept
        }
    }
}
