-- The chain trigger reads the partnership's last hash on every insert: keep that an index lookup
-- however many partnerships share the table.
create index audit_partnership_seq on audit_event (partnership_id, seq desc);
