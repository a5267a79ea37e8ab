-- Statutory casework: episodes of need (the CIN census CINdetails) from a referral to closure, with
-- assessments, strategy discussions, section 47 enquiries, conferences, child protection and child
-- in need plans, core groups, reviews, visits, the child's voice and the manager's decisions.
-- Dates are London dates; due dates are computed from the one calendar, never stored.

create table episode (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  -- The front door's referral this episode started from (none for one recorded by hand).
  referral_id uuid references referral(id),
  referral_date date not null,
  referral_source text not null,
  primary_need text not null check (primary_need ~ '^N[0-9]$'),
  -- Step-up from early help: the early help episode's reference (early help is its own feature).
  step_up_reference text,
  status text not null default 'open' check (status in ('open','closed')),
  closure_date date,
  closure_reason text check (closure_reason ~ '^RC[1-9]$'),
  -- Step-down to early help (closure RC9): where the family was referred.
  step_down_reference text,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  closed_at timestamptz,
  closed_by uuid references app_user(id),
  version int not null default 1,
  check ((status = 'closed') = (closure_date is not null and closure_reason is not null)),
  check (closure_date is null or closure_date >= referral_date)
);
-- One open episode per child (CIN census 8815); the service refuses overlapping dates (8820).
create unique index episode_open on episode (person_id) where status = 'open';
create unique index episode_referral on episode (referral_id) where referral_id is not null;
create index episode_person on episode (person_id, referral_date);
create index episode_partnership_open on episode (partnership_id, referral_date) where status = 'open';

create table assessment (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references episode(id),
  person_id uuid not null references person(id),
  start_date date not null,
  status text not null default 'in_progress'
    check (status in ('in_progress','awaiting_authorisation','authorised')),
  factors text[] not null default '{}',
  analysis text,
  outcome text,
  completed_date date,
  late_reason text,
  -- Why the child's voice is not recorded (when it is not).
  voice_absent_reason text,
  authorised_date date,
  authorised_by uuid references app_user(id),
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  version int not null default 1,
  check (completed_date is null or completed_date >= start_date),
  check (status <> 'authorised' or authorised_date is not null)
);
-- One open assessment per episode (CIN census 8896).
create unique index assessment_open on assessment (episode_id) where status <> 'authorised';
create index assessment_episode on assessment (episode_id, start_date);

create table strategy_discussion (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references episode(id),
  person_id uuid not null references person(id),
  held_on date not null,
  -- The agencies that took part (at least the local authority and the police, usually health).
  agency_ids uuid[] not null,
  participants text not null,
  decision text not null check (decision in ('section_47','continue_assessment','no_further_action')),
  rationale text not null,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id)
);
create index strategy_discussion_episode on strategy_discussion (episode_id, held_on);

create table section_47 (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references episode(id),
  person_id uuid not null references person(id),
  strategy_discussion_id uuid not null unique references strategy_discussion(id),
  start_date date not null,
  status text not null default 'open' check (status in ('open','awaiting_sign_off','completed')),
  outcome text check (outcome in ('substantiated_at_risk','substantiated_not_at_risk','not_substantiated')),
  conference_needed boolean,
  outcome_date date,
  outcome_notes text,
  signed_off_date date,
  signed_off_by uuid references app_user(id),
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  version int not null default 1,
  check (status = 'open' or (outcome is not null and conference_needed is not null and outcome_date is not null)),
  check (outcome_date is null or outcome_date >= start_date)
);
-- One open enquiry per episode (CIN census 8839).
create unique index section_47_open on section_47 (episode_id) where status <> 'completed';
create index section_47_episode on section_47 (episode_id);

create table cp_plan (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references episode(id),
  person_id uuid not null references person(id),
  -- A plan starts at its initial conference (CIN census 2885), never without one.
  initial_conference_id uuid not null unique,
  start_date date not null,
  initial_category text not null check (initial_category in ('NEG','PHY','EMO','SAB','MUL')),
  latest_category text not null check (latest_category in ('NEG','PHY','EMO','SAB','MUL')),
  status text not null default 'open' check (status in ('open','ended')),
  end_date date,
  end_reason text,
  ended_by uuid references app_user(id),
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  version int not null default 1,
  check ((status = 'ended') = (end_date is not null and end_reason is not null)),
  -- A plan cannot end before or on the day it starts (CIN census 8840, 8925).
  check (end_date is null or end_date > start_date)
);
-- One open plan per child (CIN census 8935).
create unique index cp_plan_open on cp_plan (person_id) where status = 'open';
create index cp_plan_person on cp_plan (person_id, start_date);
create index cp_plan_partnership_open on cp_plan (partnership_id) where status = 'open';

create table conference (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references episode(id),
  person_id uuid not null references person(id),
  kind text not null check (kind in ('initial','review')),
  section_47_id uuid unique references section_47(id),
  cp_plan_id uuid references cp_plan(id),
  held_on date not null,
  chair text not null,
  agencies_attended uuid[] not null,
  attendance_notes text,
  decision text not null check (decision in ('plan','cin_plan','no_plan','continue','end')),
  category text check (category in ('NEG','PHY','EMO','SAB','MUL')),
  voice_absent_reason text,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  check ((kind = 'initial') = (section_47_id is not null)),
  check ((kind = 'review') = (cp_plan_id is not null)),
  check (kind = 'review' or decision in ('plan','cin_plan','no_plan')),
  check (kind = 'initial' or decision in ('continue','end')),
  check (decision not in ('plan') or category is not null)
);
alter table cp_plan add constraint cp_plan_initial_conference
  foreign key (initial_conference_id) references conference(id);
create index conference_plan on conference (cp_plan_id, held_on) where cp_plan_id is not null;
create index conference_episode on conference (episode_id, held_on);

create table core_group (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  cp_plan_id uuid not null references cp_plan(id),
  person_id uuid not null references person(id),
  held_on date not null,
  agency_ids uuid[] not null,
  notes text,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id)
);
create index core_group_plan on core_group (cp_plan_id, held_on);

create table cin_plan (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references episode(id),
  person_id uuid not null references person(id),
  start_date date not null,
  status text not null default 'open' check (status in ('open','ended')),
  end_date date,
  end_reason text,
  ended_by uuid references app_user(id),
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  version int not null default 1,
  check ((status = 'ended') = (end_date is not null and end_reason is not null)),
  check (end_date is null or end_date >= start_date)
);
-- One open child in need plan per child (CIN census 4004).
create unique index cin_plan_open on cin_plan (person_id) where status = 'open';
create index cin_plan_partnership_open on cin_plan (partnership_id) where status = 'open';
create index cin_plan_episode on cin_plan (episode_id, start_date);

create table cin_plan_review (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  cin_plan_id uuid not null references cin_plan(id),
  person_id uuid not null references person(id),
  held_on date not null,
  notes text not null,
  voice_absent_reason text,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id)
);
create index cin_plan_review_plan on cin_plan_review (cin_plan_id, held_on);

create table visit (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references episode(id),
  person_id uuid not null references person(id),
  -- The child protection plan the visit was made under (the statutory visit clock), if any.
  cp_plan_id uuid references cp_plan(id),
  visited_on date not null,
  seen boolean not null,
  seen_alone boolean not null,
  bedroom_seen boolean not null,
  not_seen_reason text,
  notes text,
  voice_absent_reason text,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  check (seen or not seen_alone),
  check (seen or not_seen_reason is not null)
);
create index visit_plan_seen on visit (cp_plan_id, visited_on) where seen;
create index visit_episode on visit (episode_id, visited_on);

-- What the child said or showed, in their own words: a record of its own, linked to where it was heard.
create table child_voice (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  episode_id uuid references episode(id),
  gathered_on date not null,
  words text not null,
  methods text[] not null check (cardinality(methods) > 0),
  gathered_by text not null,
  gathered_by_user uuid references app_user(id),
  context text not null check (context in ('assessment','conference','cin_plan_review','visit','direct_work')),
  context_id uuid,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id)
);
create index child_voice_person on child_voice (person_id, gathered_on, created_at);
create index child_voice_context on child_voice (context_id) where context_id is not null;

-- The manager's recorded decision at each key point.
create table manager_decision (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  episode_id uuid not null references episode(id),
  point text not null check (point in ('assessment_authorisation','section_47_sign_off','cp_plan_end',
    'cin_plan_end','episode_closure')),
  subject_id uuid not null,
  decision text not null check (decision in ('agreed','returned')),
  note text not null,
  decided_on date not null,
  decided_by uuid not null references app_user(id),
  decided_by_name text not null,
  created_at timestamptz not null default now()
);
create index manager_decision_episode on manager_decision (episode_id, created_at);
