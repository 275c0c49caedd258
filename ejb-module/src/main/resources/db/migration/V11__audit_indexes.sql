-- The indexes of the audit viewers (issue 5). Every viewer query is scoped to one chain (workspace)
-- and pages by keyset, newest first: (chain_key, seq) is uq_audit_record_chain_seq of V9; a filter on
-- action, actor or entity walks its own index in seq order. The time range uses (chain_key,
-- occurred_at). Security events page by id within a workspace.
ALTER TABLE audit_record
  ADD KEY ix_audit_record_action (chain_key, action, seq),
  ADD KEY ix_audit_record_actor (chain_key, actor_type, actor_id, seq),
  ADD KEY ix_audit_record_entity (chain_key, entity_type, entity_id, seq),
  ADD KEY ix_audit_record_time (chain_key, occurred_at);

ALTER TABLE security_event
  ADD KEY ix_security_event_workspace (workspace_id, id),
  ADD KEY ix_security_event_workspace_time (workspace_id, occurred_at);
