package io.streamgate.gateway.connection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 192.0.2.7}), given as literal
 * addresses only: a host name here would make start-up, and every check, depend on DNS.
 */
record AddressBlock(byte[] network, int prefixBits) {

    static AddressBlock parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (address.isEmpty() || !(address.contains(":") || address.matches("[0-9.]+"))) {
            throw new IllegalArgumentException("not an IP address literal: " + text);
        }
        byte[] network;
        try {
            network = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
        int bits = slash < 0 ? network.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        if (bits < 0 || bits > network.length * 8) {
            throw new IllegalArgumentException("prefix out of range: " + text);
        }
        return new AddressBlock(network, bits);
    }

    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        if (!Arrays.equals(candidate, 0, full, network, 0, full)) {
            return false;
        }
        int rest = prefixBits % 8;
        int mask = (0xff << (8 - rest)) & 0xff;
        return rest == 0 || (candidate[full] & mask) == (network[full] & mask);
    }
}
