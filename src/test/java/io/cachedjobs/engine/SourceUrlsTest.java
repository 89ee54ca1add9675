package io.cachedjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceUrlsTest {

    @Test
    void aPageIsRecognisedWithOrWithoutItsTrackingParametersAndFragment() {
        assertThat(SourceUrls.clean("https://a.example/p?utm_source=openai")).isEqualTo("https://a.example/p");
        assertThat(SourceUrls.clean("https://a.example/p?id=3&utm_source=openai&x=1#top"))
                .isEqualTo("https://a.example/p?id=3&x=1");
        assertThat(SourceUrls.clean("https://a.example/p?gclid=abc&fbclid=x")).isEqualTo("https://a.example/p");
        assertThat(SourceUrls.clean("https://a.example/utm_guide?id=3")).isEqualTo("https://a.example/utm_guide?id=3");
        assertThat(SourceUrls.clean(" HTTPS://A.Example/Path?Q=1 ")).isEqualTo("https://a.example/Path?Q=1");
    }

    @Test
    void aHostIsLowerCaseWithoutWww() {
        assertThat(SourceUrls.host("https://WWW.Example.co.uk/x")).isEqualTo("example.co.uk");
        assertThat(SourceUrls.host("not a url")).isEmpty();
        assertThat(SourceUrls.host("/relative")).isEmpty();
    }
}
