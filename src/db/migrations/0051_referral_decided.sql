-- What the decision hands on with each referral, for the unallocated list and the clocks: when it
-- was decided (the strategy discussion clock starts then), the contact's RAG rating at the decision,
-- and whether the referrer said a child was at immediate risk.
alter table referral
  add column decided_at timestamptz,
  add column rag text check (rag in ('red','amber','green')),
  add column immediate_risk boolean not null default false;

update referral r set decided_at = c.decided_at, rag = c.rag,
  immediate_risk = coalesce(c.immediate_risk->>'status' = 'yes', false)
from contact c where c.id = r.contact_id;
