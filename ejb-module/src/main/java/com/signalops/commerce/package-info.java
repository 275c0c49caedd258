/**
 * A store's shop data (products and variants, customers, orders with their line items and refunds), as little of it
 * as the revenue-leak rules and approvals need, and how it gets in: imports of Shopify bulk-operation JSONL files.
 */
package com.signalops.commerce;
