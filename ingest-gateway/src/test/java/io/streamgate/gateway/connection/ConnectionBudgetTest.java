package io.streamgate.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {

    private final InetAddress a = address("192.0.2.1");
    private final InetAddress b = address("192.0.2.2");
    private final InetAddress proxy = address("10.1.2.3");

    @Test
    void anAddressPastItsCapIsRefusedWhileOthersAreStillAdmitted() {
        ConnectionBudget budget = new ConnectionBudget(100, 2, List.of());
        assertThat(budget.tryAdmit(a)).isEqualTo(ConnectionBudget.Verdict.ADMITTED);
        assertThat(budget.tryAdmit(a)).isEqualTo(ConnectionBudget.Verdict.ADMITTED);
        assertThat(budget.tryAdmit(a)).isEqualTo(ConnectionBudget.Verdict.OVER_ADDRESS_CAP);
        assertThat(budget.tryAdmit(b)).isEqualTo(ConnectionBudget.Verdict.ADMITTED);
        assertThat(budget.open()).isEqualTo(3);
        assertThat(budget.open(a)).isEqualTo(2);
    }

    @Test
    void aReleaseMakesRoomAgainAndForgetsAnAddressWithNoConnections() {
        ConnectionBudget budget = new ConnectionBudget(100, 1, List.of());
        budget.tryAdmit(a);
        budget.release(a);
        assertThat(budget.open(a)).isZero();
        assertThat(budget.tryAdmit(a)).isEqualTo(ConnectionBudget.Verdict.ADMITTED);
        assertThat(budget.open()).isEqualTo(1);
    }

    @Test
    void theGlobalCapHoldsForEveryAddress() {
        ConnectionBudget budget = new ConnectionBudget(2, 10, List.of());
        budget.tryAdmit(a);
        budget.tryAdmit(b);
        assertThat(budget.tryAdmit(address("192.0.2.3"))).isEqualTo(ConnectionBudget.Verdict.OVER_GLOBAL_CAP);
        assertThat(budget.open()).isEqualTo(2);
    }

    @Test
    void aTrustedProxyIsHeldToTheGlobalCapOnly() {
        ConnectionBudget budget = new ConnectionBudget(3, 1, List.of(AddressBlock.parse("10.0.0.0/8")));
        assertThat(budget.tryAdmit(proxy)).isEqualTo(ConnectionBudget.Verdict.ADMITTED);
        assertThat(budget.tryAdmit(proxy)).isEqualTo(ConnectionBudget.Verdict.ADMITTED);
        assertThat(budget.tryAdmit(proxy)).isEqualTo(ConnectionBudget.Verdict.ADMITTED);
        assertThat(budget.tryAdmit(proxy)).isEqualTo(ConnectionBudget.Verdict.OVER_GLOBAL_CAP);
        budget.release(proxy);
        assertThat(budget.open()).isEqualTo(2);
    }

    @Test
    void theDefaultGlobalCapIsAQuarterOfTheHeapInConnectionsAtLeast64() {
        assertThat(ConnectionBudget.fromHeap(512L << 20))
                .isEqualTo((int) ((512L << 20) / 4 / ConnectionBudget.BYTES_PER_CONNECTION));
        assertThat(ConnectionBudget.fromHeap(1L << 20)).isEqualTo(64);
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
