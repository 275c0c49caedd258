package com.signalops.commerce.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongIdSetTest {

    @Test
    void answersLikeAHashSetAcrossGrowth() {
        LongIdSet ids = new LongIdSet();
        Set<Long> expected = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            long id = random.nextInt(200_000) + (i % 3 == 0 ? 1L << 40 : 0);
            ids.add(id);
            expected.add(id);
        }
        assertEquals(expected.size(), ids.size());
        for (long probe = 0; probe < 200_000; probe++) {
            assertEquals(expected.contains(probe), ids.contains(probe), "id " + probe);
        }
        assertTrue(ids.contains(expected.iterator().next()));
        assertFalse(ids.contains(-5));
    }
}
