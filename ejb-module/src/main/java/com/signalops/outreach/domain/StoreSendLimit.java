package com.signalops.outreach.domain;

import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How many campaign messages per minute a store sends at most, when it has a rate of its own; a store without one
 * sends at the installation's default ({@code SIGNALOPS_CAMPAIGN_RATE_PER_MINUTE}). Store ids are unique across
 * workspaces, so the store alone identifies the row; the tenant mechanism adds the workspace.
 */
@Entity
@Table(name = "store_send_limit")
public class StoreSendLimit extends TenantOwned {

    public static final int MIN_PER_MINUTE = 1;
    public static final int MAX_PER_MINUTE = 1_000_000;

    @Id
    @Column(name = "store_id", nullable = false, updatable = false)
    private Long storeId;

    @Column(name = "messages_per_minute", nullable = false)
    private int messagesPerMinute;

    protected StoreSendLimit() {
    }

    public StoreSendLimit(long storeId, int messagesPerMinute) {
        this.storeId = storeId;
        change(messagesPerMinute);
    }

    /**
     * Sets the rate.
     *
     * @throws BusinessException ({@code outreach-settings.invalid}) for a rate out of its bounds
     */
    public void change(int messagesPerMinute) {
        this.messagesPerMinute = checked(messagesPerMinute);
    }

    /**
     * {@code messagesPerMinute}, if within the bounds of a send rate.
     *
     * @throws BusinessException ({@code outreach-settings.invalid}) naming the bounds
     */
    public static int checked(int messagesPerMinute) {
        if (messagesPerMinute < MIN_PER_MINUTE || messagesPerMinute > MAX_PER_MINUTE) {
            throw new BusinessException("outreach-settings.invalid", "A store sends " + MIN_PER_MINUTE + " to " + MAX_PER_MINUTE
                    + " messages per minute, not " + messagesPerMinute);
        }
        return messagesPerMinute;
    }

    public Long storeId() {
        return storeId;
    }

    public int messagesPerMinute() {
        return messagesPerMinute;
    }
}
