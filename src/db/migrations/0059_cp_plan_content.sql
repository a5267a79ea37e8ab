-- What a child protection plan says: the outcomes for the child, and the actions towards them,
-- each with an owner (an agency, or a named person such as a parent) and a date, agreed by the
-- core group. Each core group and review conference records each action's progress.
create table cp_plan_outcome (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  cp_plan_id uuid not null references cp_plan(id),
  person_id uuid not null references person(id),
  outcome text not null,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id)
);
create index cp_plan_outcome_plan on cp_plan_outcome (cp_plan_id, created_at);

create table cp_plan_action (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  cp_plan_id uuid not null references cp_plan(id),
  person_id uuid not null references person(id),
  outcome_id uuid references cp_plan_outcome(id),
  action text not null,
  owner_agency_id uuid references agency(id),
  owner_name text,
  due_date date not null,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  check (owner_agency_id is not null or owner_name is not null)
);
create index cp_plan_action_plan on cp_plan_action (cp_plan_id, due_date);

create table cp_plan_action_review (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  action_id uuid not null references cp_plan_action(id),
  person_id uuid not null references person(id),
  core_group_id uuid references core_group(id),
  conference_id uuid references conference(id),
  reviewed_on date not null,
  progress text not null check (progress in ('not_started','in_progress','done','not_done')),
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  check ((core_group_id is null) <> (conference_id is null))
);
create index cp_plan_action_review_action on cp_plan_action_review (action_id, reviewed_on);

-- Who came to a core group meeting (names and roles), besides the agencies.
alter table core_group add column attendees text;
