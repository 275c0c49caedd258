package com.signalops.leaks.domain;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A store's own revenue-leak rule thresholds (a store without one uses {@link LeakSettings#DEFAULTS}), with who set
 * them last and when. Store ids are unique across workspaces, so the store alone identifies the row; the tenant
 * mechanism adds the workspace.
 */
@Entity
@Table(name = "leak_rule_setting")
public class LeakRuleSetting extends TenantOwned {

    @Id
    @Column(name = "store_id", nullable = false, updatable = false)
    private Long storeId;

    @Column(name = "lookback_days", nullable = false)
    private int lookbackDays;

    @Column(name = "unfulfilled_hours", nullable = false)
    private int unfulfilledHours;

    @Column(name = "stale_payment_days", nullable = false)
    private int stalePaymentDays;

    @Column(name = "min_units_sold", nullable = false)
    private int minUnitsSold;

    @Column(name = "refund_rate", nullable = false, precision = 9, scale = 4)
    private BigDecimal refundRate;

    @Column(name = "velocity_days", nullable = false)
    private int velocityDays;

    @Column(name = "min_velocity", nullable = false, precision = 9, scale = 4)
    private BigDecimal minVelocity;

    @Column(name = "lost_days", nullable = false)
    private int lostDays;

    @Column(name = "free_shipping_threshold", nullable = false, precision = 19, scale = 4)
    private BigDecimal freeShippingThreshold;

    @Column(name = "flat_shipping_rate", nullable = false, precision = 19, scale = 4)
    private BigDecimal flatShippingRate;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected LeakRuleSetting() {
    }

    /** The settings of store {@code storeId}, set by {@code actorId} at {@code at}. */
    public LeakRuleSetting(long storeId, LeakSettings settings, String actorId, Instant at) {
        this.storeId = storeId;
        change(settings, actorId, at);
    }

    /** Replaces every threshold with those of {@code settings}. */
    public void change(LeakSettings settings, String actorId, Instant at) {
        lookbackDays = settings.lookbackDays();
        unfulfilledHours = settings.unfulfilledHours();
        stalePaymentDays = settings.stalePaymentDays();
        minUnitsSold = settings.minUnitsSold();
        refundRate = settings.refundRate();
        velocityDays = settings.velocityDays();
        minVelocity = settings.minVelocity();
        lostDays = settings.lostDays();
        freeShippingThreshold = settings.freeShippingThreshold();
        flatShippingRate = settings.flatShippingRate();
        updatedBy = actorId;
        updatedAt = at;
    }

    /** The thresholds as the rules take them. */
    public LeakSettings settings() {
        return new LeakSettings(lookbackDays, unfulfilledHours, stalePaymentDays, minUnitsSold, refundRate, velocityDays, minVelocity,
                lostDays, freeShippingThreshold, flatShippingRate);
    }

    public Long storeId() {
        return storeId;
    }
}
