package io.cachedjobs.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The addresses and names a webhook is never sent to, and some it is. */
class WebhookAddressesTest {

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource({
        "127.0.0.1, loopback",
        "127.8.9.10, loopback",
        "::1, loopback",
        "0.0.0.0, unspecified",
        "::, unspecified",
        "10.0.0.1, private",
        "10.255.255.255, private",
        "172.16.0.1, private",
        "172.31.255.254, private",
        "192.168.1.1, private",
        "100.64.0.1, shared",
        "100.127.255.254, shared",
        "169.254.169.254, metadata",
        "169.254.0.1, link-local",
        "fe80::1, link-local",
        "fd00::1, unique-local",
        "fc00::1, unique-local",
        "fd00:ec2::254, unique-local",
        "224.0.0.1, multicast",
        "ff02::1, multicast",
        "::ffff:127.0.0.1, loopback",
        "::ffff:10.0.0.1, private",
        "::ffff:169.254.169.254, metadata",
        "::127.0.0.1, loopback",
        "::10.0.0.1, private",
        "64:ff9b::a00:1, private",
        "2002:a9fe:a9fe::1, metadata",
        "0.1.2.3, this network",
        "198.18.0.1, benchmarking",
        "240.0.0.1, reserved",
        "255.255.255.255, broadcast",
        "192.0.0.8, IETF"
    })
    void aLocalAddressIsRefused(String address, String why) throws Exception {
        assertThat(WebhookAddresses.refusal(InetAddress.getByName(address)))
                .hasValueSatisfying(reason -> assertThat(reason).contains(why));
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "172.32.0.1",
                "172.15.255.255",
                "100.128.0.1",
                "192.169.0.1",
                "11.0.0.1",
                "2606:4700::6810:84e5",
                "2001:4860:4860::8888",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808"
            })
    void aPublicAddressIsAllowed(String address) throws Exception {
        assertThat(WebhookAddresses.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(
            strings = {
                "localhost",
                "LOCALHOST.",
                "api.localhost",
                "metadata.google.internal",
                "metadata.goog",
                "metadata",
                "instance-data",
                "db.internal"
            })
    void aLocalOrMetadataNameIsRefused(String name) {
        assertThat(WebhookAddresses.refusalOfName(name)).isPresent();
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {"hooks.example.com", "localhost.example.com", "internal.example.com"})
    void anOrdinaryNameIsAllowed(String name) {
        assertThat(WebhookAddresses.refusalOfName(name)).isEmpty();
    }
}
