-- Section 11 and schools' section 175/157 self-assessments: standards, rounds, each agency's
-- answers, peer challenge of an answer, and the practitioners' anonymous survey beside a round.

create table s11_standard (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  kind text not null check (kind in ('section11','schools')),
  position int not null,
  title text not null,
  description text not null default '',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (partnership_id, kind, title)
);

create table s11_round (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  kind text not null check (kind in ('section11','schools')),
  year int not null check (year between 2000 and 2100),
  opens_on date not null,
  closes_on date not null,
  challenge_day date,
  created_by uuid references app_user(id),
  created_at timestamptz not null default now(),
  check (closes_on >= opens_on),
  unique (partnership_id, kind, year)
);

-- One self-assessment per agency asked in a round; made with the round, drafts carried forward.
create table s11_assessment (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  round_id uuid not null references s11_round(id),
  agency_id uuid not null references agency(id),
  status text not null default 'draft' check (status in ('draft','submitted')),
  submitted_at timestamptz,
  submitted_by uuid references app_user(id),
  unique (round_id, agency_id)
);

create table s11_answer (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  assessment_id uuid not null references s11_assessment(id),
  standard_id uuid not null references s11_standard(id),
  rating text check (rating in ('red','amber','green')),
  narrative text not null default '',
  evidence text not null default '',
  -- Copied from the agency's answer in the last round of the same kind, until the lead reviews it.
  carried_forward boolean not null default false,
  updated_by uuid references app_user(id),
  updated_at timestamptz not null default now(),
  unique (assessment_id, standard_id)
);

create table s11_challenge (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  answer_id uuid not null references s11_answer(id),
  raised_by uuid not null references app_user(id),
  raised_by_agency_id uuid not null references agency(id),
  question text not null,
  raised_at timestamptz not null default now(),
  response text,
  responded_by uuid references app_user(id),
  responded_at timestamptz,
  status text not null default 'open' check (status in ('open','responded','resolved')),
  outcome text check (outcome in ('confirmed','changed')),
  rating_before text check (rating_before in ('red','amber','green')),
  rating_after text check (rating_after in ('red','amber','green')),
  resolution text,
  resolved_by uuid references app_user(id),
  resolved_at timestamptz
);
create index s11_challenge_answer on s11_challenge (answer_id);

-- The survey is anonymous: a response keeps the agency and role, never the person. Who has answered
-- is kept apart (so that each answers once), with no link to what they answered.
create table s11_survey_response (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  round_id uuid not null references s11_round(id),
  agency_id uuid not null references agency(id),
  role text not null,
  answers jsonb not null
);
create index s11_survey_response_round on s11_survey_response (round_id, agency_id);

create table s11_survey_taken (
  partnership_id uuid not null references partnership(id),
  round_id uuid not null references s11_round(id),
  user_id uuid not null references app_user(id),
  primary key (round_id, user_id)
);
