package io.streamgate.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import javax.crypto.Mac;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void eachMacHandedOutStartsAfreshWithTheKey() {
        byte[] key = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        byte[] expected = new HmacUtils(HmacAlgorithms.HMAC_SHA_256, key).hmac(body);
        Supplier<Mac> macs = Keys.macs(key);

        Mac abandoned = macs.get();
        abandoned.update("half a request".getBytes(StandardCharsets.UTF_8));
        assertThat(macs.get().doFinal(body)).isEqualTo(expected);
        assertThat(macs.get().doFinal(body)).isEqualTo(expected);
        assertThat(macs.get()).isNotSameAs(macs.get());
    }
}
