package io.cachedjobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void cleanTrimsInvisibleCharactersAndComposes() {
        assertThat(Text.clean("\u00A0\u200B\uFEFF cafe\u0301 \u3000\u2060")).isEqualTo("caf\u00E9");
        assertThat(Text.clean("\u200B\u00A0\u0085")).isEmpty();
        assertThat(Text.clean(null)).isNull();
    }

    @Test
    void cleanTextIsReturnedAsItIs() {
        String clean = "Which CRM?";
        assertThat(Text.clean(clean)).isSameAs(clean);
    }

    @Test
    void bidiControlsTagCharactersAndNumberSignsAreNotTrimmed() {
        assertThat(Text.clean("\u202Eabc")).isEqualTo("\u202Eabc");
        assertThat(Text.clean("\u2066abc\u2069")).isEqualTo("\u2066abc\u2069");
        assertThat(Text.clean("x\uDB40\uDC7F")).isEqualTo("x\uDB40\uDC7F");
        assertThat(Text.clean("\u0600123")).isEqualTo("\u0600123");
    }

    @Test
    void namesRefuseControlsSeparatorsAndBidiControls() {
        assertThat(Text.refusedInName("Acme Inc.")).isEqualTo(-1);
        assertThat(Text.refusedInName("a\u200Db")).isEqualTo(-1);
        assertThat(Text.refusedInName("a\nb")).isEqualTo('\n');
        assertThat(Text.refusedInName("a\u009Fb")).isEqualTo(0x9F);
        assertThat(Text.refusedInName("a\u2028b")).isEqualTo(0x2028);
        assertThat(Text.refusedInName("a\u2067b")).isEqualTo(0x2067);
    }
}
