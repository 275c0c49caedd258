package com.signalops.commerce.domain;

/**
 * The Admin GraphQL bulk queries whose JSONL results are an import's three files: each asks for
 * exactly the fields the import format reads (issue 6), no more: a customer's name, address and
 * phone are not asked for, only the email and the marketing consent. Nested connections become
 * lines of their own carrying {@code __parentId}, as the format expects.
 */
public final class ShopifyBulkQueries {

    private static final String MONEY = "{ shopMoney { amount currencyCode } }";

    private ShopifyBulkQueries() {
    }

    /** The bulk query of {@code resource}. */
    public static String of(ImportResource resource) {
        return switch (resource) {
            case PRODUCTS -> "{ products { edges { node { id title status updatedAt variants { edges { node { id sku price "
                    + "inventoryQuantity inventoryItem { id tracked unitCost { amount currencyCode } } } } } } } } }";
            case CUSTOMERS -> "{ customers { edges { node { id email createdAt emailMarketingConsent { marketingState "
                    + "marketingOptInLevel consentUpdatedAt } } } } }";
            case ORDERS -> "{ orders { edges { node { id name createdAt cancelledAt test email customer { id } displayFinancialStatus "
                    + "displayFulfillmentStatus currencyCode subtotalPriceSet " + MONEY + " totalPriceSet " + MONEY
                    + " totalDiscountsSet " + MONEY + " totalShippingPriceSet " + MONEY + " totalRefundedSet " + MONEY
                    + " discountCodes refunds { id createdAt totalRefundedSet " + MONEY + " refundLineItems { nodes { quantity "
                    + "lineItem { id } } } } lineItems { edges { node { id sku quantity requiresShipping variant { id } "
                    + "originalUnitPriceSet " + MONEY + " discountedUnitPriceSet " + MONEY + " } } } } } } }";
        };
    }
}
