package com.signalops.tenancy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** One Shopify shop of a workspace. */
@Entity
@Table(name = "store")
@NamedQuery(name = "Store.findAll", query = "select s from Store s order by s.storeCode")
@NamedQuery(name = "Store.findByDistrict", query = "select s from Store s where s.district = :district order by s.storeCode")
public class Store extends TenantOwned {

    public static final int CODE_LENGTH = 40;
    public static final int SHOP_DOMAIN_LENGTH = 255;
    /** A shop's permanent Shopify domain. */
    public static final Pattern SHOP_DOMAIN = Pattern.compile("^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$");
    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "district_id")
    private District district;

    @Column(name = "store_code", nullable = false, length = CODE_LENGTH)
    private String storeCode;

    @Column(name = "shop_domain", nullable = false, length = SHOP_DOMAIN_LENGTH)
    private String shopDomain;

    @Column(name = "currency", nullable = false, length = 3)
    private String currency;

    @Column(name = "timezone", nullable = false, length = 64)
    private String timezone;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Store() {
    }

    public Store(String storeCode, String shopDomain, Currency currency, ZoneId timezone, Instant now) {
        if (storeCode == null || !CODE.matcher(storeCode).matches()) {
            throw new IllegalArgumentException("A store code has 1 to 40 letters, digits, '-' or '_'");
        }
        String domain = Objects.requireNonNull(shopDomain, "shopDomain").trim().toLowerCase(Locale.ROOT);
        if (!SHOP_DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("Not a myshopify.com shop domain: " + shopDomain);
        }
        this.storeCode = storeCode;
        this.shopDomain = domain;
        this.currency = currency.getCurrencyCode();
        this.timezone = timezone.getId();
        this.createdAt = Objects.requireNonNull(now);
    }

    /** Puts the store in {@code newDistrict} (of the same workspace), or in none. */
    public void assignTo(District newDistrict) {
        this.district = newDistrict;
    }

    public Long id() {
        return id;
    }

    public String storeCode() {
        return storeCode;
    }

    public String shopDomain() {
        return shopDomain;
    }

    public Currency currency() {
        return Currency.getInstance(currency);
    }

    public ZoneId timezone() {
        return ZoneId.of(timezone);
    }

    public Optional<District> district() {
        return Optional.ofNullable(district);
    }
}
