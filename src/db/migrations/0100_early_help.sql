-- Early help: a family's episode led by a practitioner of any agency, with the council's early help
-- service behind them. See docs/early-help.md.

create table eh_episode (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  reference text not null,
  -- How it started: the MASH's early help decision, a lead practitioner directly, or social care's step-down.
  source text not null check (source in ('mash','direct','step_down')),
  early_help_request_id uuid references early_help_request(id),
  -- offered: waiting for the named lead to accept (step-down), or with the early help service's queue
  -- when no lead is named (declined); open: led; closed.
  status text not null check (status in ('offered','open','closed')),
  lead_user_id uuid references app_user(id),
  lead_agency_id uuid references agency(id),
  consent text not null check (consent in ('given','not_given','withdrawn')),
  -- Working without consent (or on after it is withdrawn) only under the safeguarding condition,
  -- with who decided and why.
  safeguarding_reason text,
  safeguarding_by uuid references app_user(id),
  safeguarding_at timestamptz,
  started_on date not null,
  assessment_due date not null,
  assessment_completed_on date,
  family_view text,
  plan text,
  closed_on date,
  outcome text,
  feedback text,
  created_by uuid not null references app_user(id),
  created_at timestamptz not null default now(),
  version int not null default 1,
  unique (partnership_id, reference),
  check (status <> 'open' or lead_user_id is not null),
  check (consent <> 'not_given' or safeguarding_reason is not null),
  check ((status = 'closed') = (closed_on is not null))
);
create index eh_episode_lead on eh_episode (lead_user_id) where status <> 'closed';

-- The family: children and adults of the household, from the person index.
create table eh_member (
  episode_id uuid not null references eh_episode(id),
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  kind text not null check (kind in ('child','adult')),
  primary key (episode_id, person_id)
);
create index eh_member_person on eh_member (person_id);

-- The team around the family: practitioners of several agencies.
create table eh_team_member (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references eh_episode(id),
  user_id uuid not null references app_user(id),
  role text not null,
  added_at timestamptz not null default now(),
  added_by uuid not null references app_user(id),
  unique (episode_id, user_id)
);
create index eh_team_member_user on eh_team_member (user_id);

create table eh_meeting (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references eh_episode(id),
  held_on date not null,
  notes text not null,
  created_by uuid not null references app_user(id),
  created_at timestamptz not null default now()
);
create table eh_attendance (
  meeting_id uuid not null references eh_meeting(id),
  team_member_id uuid not null references eh_team_member(id),
  attended boolean not null,
  primary key (meeting_id, team_member_id)
);

create table eh_review (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references eh_episode(id),
  held_on date not null,
  due_on date not null,
  summary text not null,
  created_by uuid not null references app_user(id),
  created_at timestamptz not null default now()
);

-- Each need scored 1 (serious need) to 10 (thriving): at the assessment (no review) and at each review.
create table eh_score (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references eh_episode(id),
  review_id uuid references eh_review(id),
  area text not null,
  score int not null check (score between 1 and 10),
  note text
);
create unique index eh_score_once on eh_score (episode_id, area, coalesce(review_id, '00000000-0000-0000-0000-000000000000'));

-- Step-up to social care (a contact at the MASH) and step-down from it (offered to a lead practitioner).
create table eh_step (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  episode_id uuid not null references eh_episode(id),
  kind text not null check (kind in ('up','down')),
  reason text not null,
  requested_at timestamptz not null default now(),
  requested_by uuid not null references app_user(id),
  contact_id uuid references contact(id),
  casework_episode_id uuid references episode(id),
  offered_to uuid references app_user(id),
  decision text check (decision in ('accepted','declined')),
  decision_reason text,
  decided_at timestamptz,
  decided_by uuid references app_user(id)
);
create index eh_step_episode on eh_step (episode_id, requested_at);

create table eh_reference_counter (
  partnership_id uuid not null references partnership(id),
  year int not null,
  last int not null,
  primary key (partnership_id, year)
);

-- The child's voice in early help is the same record as casework's.
alter table child_voice drop constraint child_voice_context_check;
alter table child_voice add constraint child_voice_context_check
  check (context in ('assessment','conference','cin_plan_review','visit','direct_work','early_help'));

-- A step-up from early help arrives at the MASH as a contact of its own source.
alter table contact drop constraint contact_source_check;
alter table contact add constraint contact_source_check check (source in ('web','phone','api','early_help'));
