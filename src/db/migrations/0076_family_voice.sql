-- What children, young people and families told the partnership, and what it did about it
-- ("you said, we did"). Recorded by the business manager.
create table voice_feedback (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  source text not null check (source in ('survey','young_peoples_panel','complaints_theme','other')),
  received_on date not null,
  said text not null,
  we_did text not null default '',
  status text not null default 'received' check (status in ('received','acting','done')),
  recorded_by uuid not null references app_user(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index voice_feedback_partnership on voice_feedback (partnership_id, received_on desc);
