package com.signalops.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/** For the benches: the heap's peak use from now on, the sum of the heap pools' peaks, reset (after a GC) when made. */
public final class HeapPeak {

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

    public HeapPeak() {
        System.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    public long peakBytes() {
        return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
