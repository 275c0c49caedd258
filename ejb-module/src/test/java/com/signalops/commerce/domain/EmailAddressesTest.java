package com.signalops.commerce.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Email normalisation as issue 7 and clarification 7 write it. */
class EmailAddressesTest {

    @Test
    void trimsLowerCasesAndDropsThePlusPart() {
        assertEquals(Optional.of("ann@example.com"), EmailAddresses.normalise("  Ann+Promo+2@Example.COM "));
    }

    @Test
    void removesGmailDotsAndFoldsGooglemail() {
        assertEquals(Optional.of("annlee@gmail.com"), EmailAddresses.normalise("Ann.Lee+x@googlemail.com"));
        assertEquals(Optional.of("ann.lee@example.com"), EmailAddresses.normalise("ann.lee@example.com"), "dots stay elsewhere");
    }

    @Test
    void theLocalPartIsWhatPrecedesTheLastAt() {
        assertEquals(Optional.of("\"a@b\"@example.com"), EmailAddresses.normalise("\"a@b\"+x@Example.com"));
    }

    @Test
    void blankIsNoEmailAndNoAtIsKeptTrimmedAndLowerCased() {
        assertEquals(Optional.empty(), EmailAddresses.normalise("   "));
        assertEquals(Optional.empty(), EmailAddresses.normalise(null));
        assertEquals(Optional.of("ann+x"), EmailAddresses.normalise(" ANN+x "));
    }
}
