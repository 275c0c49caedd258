-- After a store connects, SignalOps subscribes the shop's webhooks through Shopify's Admin GraphQL API
-- (webhookSubscriptionCreate), asynchronously: a failure never undoes the connection. The outcome is kept on
-- the connection, so that it is visible and a later attempt knows what is missing.
-- webhooks_subscribed_at: when every topic was subscribed (NULL: not yet, or the last attempt failed).
-- webhook_subscription_error: why the last attempt failed (Shopify's message or the failure's kind; never a token).
ALTER TABLE store_connection
  ADD COLUMN webhooks_subscribed_at DATETIME(3) NULL,
  ADD COLUMN webhook_subscription_error VARCHAR(300) NULL;
