-- Multi-agency case audits: a theme, a reproducible sample of children, the agencies taking part
-- and their named auditors; each agency's answers per sampled child, the business manager's
-- moderation, findings. While an audit is open (its dates, not closed) its auditors read the
-- sampled children's records through the "audit sample" relationship (access/policy.ts).
create table case_audit (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  title text not null,
  theme text not null,
  starts_on date not null,
  ends_on date not null,
  sample_method text not null check (sample_method in ('criteria','random')),
  -- {status, ageFrom, ageTo, teamId}: what the sample was drawn over.
  criteria jsonb not null default '{}',
  sample_size int not null check (sample_size between 1 and 100),
  -- The same seed over the same criteria draws the same children: order by md5(seed || person.id).
  seed text not null,
  status text not null default 'open' check (status in ('open','closed')),
  closed_at timestamptz,
  closed_by uuid references app_user(id),
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  version int not null default 1,
  check (ends_on >= starts_on),
  check ((status = 'closed') = (closed_at is not null))
);
create index case_audit_partnership on case_audit (partnership_id, starts_on);

create table case_audit_agency (
  partnership_id uuid not null references partnership(id),
  case_audit_id uuid not null references case_audit(id),
  agency_id uuid not null references agency(id),
  primary key (case_audit_id, agency_id)
);

create table case_audit_auditor (
  partnership_id uuid not null references partnership(id),
  case_audit_id uuid not null references case_audit(id),
  user_id uuid not null references app_user(id),
  agency_id uuid not null references agency(id),
  primary key (case_audit_id, user_id),
  foreign key (case_audit_id, agency_id) references case_audit_agency (case_audit_id, agency_id)
);
create index case_audit_auditor_user on case_audit_auditor (user_id);

-- The drawn sample; its id is the child's reference in the audit's pages (no name in addresses).
create table case_audit_child (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  case_audit_id uuid not null references case_audit(id),
  person_id uuid not null references person(id),
  position int not null,
  moderated_grade text check (moderated_grade in ('outstanding','good','requires_improvement','inadequate')),
  moderation_note text,
  moderated_at timestamptz,
  moderated_by uuid references app_user(id),
  unique (case_audit_id, person_id),
  unique (case_audit_id, position),
  check ((moderated_grade is null) = (moderated_at is null))
);
create index case_audit_child_person on case_audit_child (person_id);

-- One agency's answers for one sampled child: {questionKey: {grade, comment}} and the overall grade.
create table case_audit_answer (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  case_audit_id uuid not null references case_audit(id),
  case_audit_child_id uuid not null references case_audit_child(id),
  agency_id uuid not null references agency(id),
  answers jsonb not null,
  overall_grade text not null check (overall_grade in ('outstanding','good','requires_improvement','inadequate')),
  answered_by uuid not null references app_user(id),
  answered_at timestamptz not null default now(),
  unique (case_audit_child_id, agency_id),
  foreign key (case_audit_id, agency_id) references case_audit_agency (case_audit_id, agency_id)
);

create table case_audit_finding (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  case_audit_id uuid not null references case_audit(id),
  theme text not null,
  finding text not null,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id)
);
create index case_audit_finding_audit on case_audit_finding (case_audit_id);
