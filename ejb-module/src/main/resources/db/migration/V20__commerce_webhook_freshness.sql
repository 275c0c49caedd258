-- Webhooks keep a store's commerce rows current, and Shopify does not promise to deliver them in order
-- (issue 6). Each webhook payload carries the resource's updated_at; a change older than the one stored
-- is not applied, so an orders/updated delivered late never overwrites a newer state.
-- commerce_product.updated_at (V18) already holds the product's updatedAt, from an import or a webhook.
-- source_updated_at: Shopify's updated_at of the order version a webhook last wrote; NULL when an import
-- wrote it (the import format has no updatedAt for orders).
ALTER TABLE commerce_order ADD COLUMN source_updated_at DATETIME(3) NULL AFTER cancelled_at;

-- inventory_updated_at: the updated_at of the last inventory_levels/update applied to the variant's
-- inventory_quantity; NULL when an import or products/update set it.
ALTER TABLE commerce_variant ADD COLUMN inventory_updated_at DATETIME(3) NULL AFTER inventory_quantity;
