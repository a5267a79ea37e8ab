-- Escalations: professional disagreements about a child's case between two agencies, resolved in
-- stages (practitioners, managers, heads of service, the partnership), each stage against a clock of
-- the one calendar. The steps (raised, each move, the resolution) are kept, never edited.
create table escalation (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  -- Shown to those who may not read the child's record, in place of the child's name.
  reference text not null,
  person_id uuid not null references person(id),
  raised_by uuid not null references app_user(id),
  raising_agency_id uuid not null references agency(id),
  other_agency_id uuid not null references agency(id),
  disagreement text not null check (char_length(disagreement) between 1 and 5000),
  tried text not null check (char_length(tried) between 1 and 5000),
  raised_on date not null,
  stage text not null check (stage in ('practitioners', 'managers', 'heads', 'partnership')),
  stage_started_on date not null,
  -- Null at the partnership's stage, which has no clock.
  stage_due_on date,
  outcome text check (outcome in ('agreed', 'other_view_accepted', 'partnership_decided')),
  learning text check (char_length(learning) <= 5000),
  resolved_on date,
  resolved_by uuid references app_user(id),
  -- The action the resolution put into the action log, if any (no foreign key: the log is another area's).
  action_id uuid,
  created_at timestamptz not null default now(),
  check (raising_agency_id <> other_agency_id),
  check ((outcome is null) = (resolved_on is null)),
  unique (partnership_id, reference)
);
create index escalation_open on escalation (partnership_id, stage_due_on) where resolved_on is null;
create index escalation_agencies on escalation (partnership_id, raising_agency_id, other_agency_id);

create table escalation_step (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  escalation_id uuid not null references escalation(id),
  kind text not null check (kind in ('raised', 'moved', 'resolved')),
  -- The stage the escalation is at after this step.
  stage text not null check (stage in ('practitioners', 'managers', 'heads', 'partnership')),
  reason text check (char_length(reason) <= 5000),
  by_user uuid not null references app_user(id),
  by_agency uuid not null references agency(id),
  on_date date not null,
  at timestamptz not null default now()
);
create index escalation_step_of on escalation_step (escalation_id, at);
