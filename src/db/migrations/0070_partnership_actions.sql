-- The partnership's plan (priorities and their measures) and its one action log: every action the
-- partnership agrees, whatever raised it (a meeting, a challenge, a case audit, a review...).

create table partnership_priority (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  title text not null,
  description text not null default '',
  period_start date not null,
  period_end date not null check (period_end >= period_start),
  position int not null default 0,
  created_at timestamptz not null default now()
);
create index partnership_priority_partnership on partnership_priority (partnership_id, period_start);

-- A measure of a priority: what is counted, and its value for each period ('2025-26 Q1').
create table partnership_measure (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  priority_id uuid references partnership_priority(id),
  name text not null,
  definition text not null default '',
  unit text not null default '',
  created_at timestamptz not null default now()
);
create index partnership_measure_priority on partnership_measure (priority_id);

create table partnership_measure_value (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  measure_id uuid not null references partnership_measure(id),
  period text not null,
  -- The last day of the period: values are ordered, and read "as at" a date, by it.
  period_end date not null,
  value numeric not null,
  recorded_by uuid references app_user(id),
  recorded_at timestamptz not null default now(),
  unique (measure_id, period)
);
create index partnership_measure_value_measure on partnership_measure_value (measure_id, period_end);

create table partnership_action (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  source_kind text not null check (source_kind in ('meeting','challenge','case_audit','section11','escalation',
    'training','voice','review','early_help','partnership')),
  source_id text not null,
  source_label text not null,
  source_href text not null,
  title text not null,
  detail text not null default '',
  owner_agency_id uuid not null references agency(id),
  owner_user_id uuid references app_user(id),
  due_on date not null,
  measure_id uuid references partnership_measure(id),
  status text not null default 'open' check (status in ('open','in_progress','done','dropped')),
  evidence text not null default '',
  completed_on date,
  created_by uuid references app_user(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  -- Done needs its evidence and its date; only done carries a completion date.
  check (status <> 'done' or (evidence <> '' and completed_on is not null)),
  check (status = 'done' or completed_on is null)
);
create index partnership_action_source on partnership_action (partnership_id, source_kind, source_id);
create index partnership_action_agency on partnership_action (owner_agency_id, status, due_on);
create index partnership_action_due on partnership_action (partnership_id, status, due_on);

-- Every change of an action's status, with who changed it and what they said.
create table partnership_action_event (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  action_id uuid not null references partnership_action(id),
  status_from text,
  status_to text not null,
  note text not null default '',
  by_user uuid references app_user(id),
  by_name text not null default '',
  at timestamptz not null default now()
);
create index partnership_action_event_action on partnership_action_event (action_id, at);
