package io.streamgate.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressBlockTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8,       10.255.1.2,     true",
        "10.0.0.0/8,       11.0.0.1,       false",
        "192.168.1.0/25,   192.168.1.127,  true",
        "192.168.1.0/25,   192.168.1.128,  false",
        "192.0.2.7,        192.0.2.7,      true",
        "192.0.2.7,        192.0.2.8,      false",
        "2001:db8::/32,    2001:db8:1::5,  true",
        "2001:db8::/32,    10.0.0.1,       false",
        "0.0.0.0/0,        203.0.113.9,    true",
    })
    void aBlockContainsTheAddressesOfItsPrefix(String block, String address, boolean contained) throws Exception {
        assertThat(AddressBlock.parse(block).contains(InetAddress.getByName(address))).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.com", "10.0.0.0/33", "", "10.0.0.0/x", "::1/129"})
    void onlyLiteralAddressesAndValidPrefixesAreBlocks(String text) {
        assertThat(AddressBlock.isValid(text)).isFalse();
    }
}
