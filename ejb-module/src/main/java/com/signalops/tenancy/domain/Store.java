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
import java.time.DateTimeException;
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
@NamedQuery(name = "Store.findByDistrictId", query = "select s from Store s where s.district.id = :districtId order by s.storeCode")
@NamedQuery(name = "Store.findById", query = "select s from Store s where s.id = :id")
public class Store extends TenantOwned {

    public static final int CODE_LENGTH = 40;
    public static final int SHOP_DOMAIN_LENGTH = 255;
    /** A shop's permanent Shopify domain. */
    public static final Pattern SHOP_DOMAIN = Pattern.compile("^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$");
    /** The workspace's own short code for a store, upper-case: {@code A-01}. */
    public static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9-]{0,39}$");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "district_id")
    private District district;

    // the district's id, readable without loading the district: also once the store has left its persistence context
    @Column(name = "district_id", insertable = false, updatable = false)
    private Long districtId;

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

    /**
     * A store; {@code storeCode} and {@code shopDomain} are taken trimmed, upper- and lower-cased.
     *
     * @throws IllegalArgumentException when the code or the domain breaks its pattern
     */
    public Store(String storeCode, String shopDomain, Currency currency, ZoneId timezone, Instant now) {
        this.storeCode = normaliseCode(storeCode);
        this.shopDomain = normaliseShopDomain(shopDomain);
        this.currency = currency.getCurrencyCode();
        this.timezone = timezone.getId();
        this.createdAt = Objects.requireNonNull(now);
    }

    /** {@code code} trimmed and upper-cased, if it then matches {@link #CODE}. */
    public static String normaliseCode(String code) {
        String normalised = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(normalised).matches()) {
            throw new IllegalArgumentException("A store code has 1 to 40 letters, digits or '-', starting with a letter or digit");
        }
        return normalised;
    }

    /** {@code domain} trimmed and lower-cased, if it then matches {@link #SHOP_DOMAIN}. */
    public static String normaliseShopDomain(String domain) {
        String normalised = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        if (normalised.length() > SHOP_DOMAIN_LENGTH || !SHOP_DOMAIN.matcher(normalised).matches()) {
            throw new IllegalArgumentException("Not a myshopify.com shop domain");
        }
        return normalised;
    }

    /** The ISO 4217 currency {@code code} (trimmed, upper-cased) that {@link Currency} knows. */
    public static Currency currencyOf(String code) {
        String normalised = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (!normalised.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("Not an ISO 4217 currency code");
        }
        return Currency.getInstance(normalised);
    }

    /** The time zone {@code id} (trimmed), e.g. {@code Europe/Berlin}. */
    public static ZoneId timezoneOf(String id) {
        try {
            return ZoneId.of(id == null ? "" : id.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Not a time zone: " + e.getMessage());
        }
    }

    /** Puts the store in {@code newDistrict} (of the same workspace), or in none. */
    public void assignTo(District newDistrict) {
        this.district = newDistrict;
        this.districtId = newDistrict == null ? null : newDistrict.id();
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

    /** The id of the store's district, if it is in one; unlike {@link #district()} it reads nothing from the database. */
    public Optional<Long> districtId() {
        return Optional.ofNullable(districtId);
    }
}
