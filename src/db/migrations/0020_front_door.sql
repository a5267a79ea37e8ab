-- The front door: referrals from every agency, the MASH's work on each contact, its decision and
-- what the decision hands on. Extends contact / contact_person of 0001 (which the MASH access rule
-- reads). Times are timestamptz; decision_due is the London date the decision is due by (end of day).

alter table contact
  add column reference text,
  add column source text not null default 'web' check (source in ('web','phone','api')),
  -- professional: a signed-in user or a named professional caller; public: a member of the public.
  add column referrer_type text not null default 'professional'
    check (referrer_type in ('professional','public','anonymous')),
  add column source_agency_id uuid references agency(id),
  add column referrer_user_id uuid references app_user(id),
  -- The referrer's details as given (name, job title, agency, phone, email, relationship).
  add column referrer jsonb not null default '{}',
  add column recorded_by uuid references app_user(id),
  add column address jsonb,
  add column concern text not null default '',
  add column child_said jsonb not null default '{}',
  add column immediate_risk jsonb not null default '{}',
  -- Family aware, consent, and when not consent the safeguarding condition (DPA 2018) with who decided.
  add column consent jsonb not null default '{}',
  add column decision_due date,
  add column rag text check (rag in ('red','amber','green')),
  add column rag_set_at timestamptz,
  add column rag_set_by uuid references app_user(id),
  add column assigned_to uuid references app_user(id),
  add column assigned_at timestamptz,
  add column decision text check (decision in ('no_further_action','information_advice','early_help',
    'section_17','strategy_section_47','immediate_protection')),
  add column decision_rationale text,
  add column decided_at timestamptz,
  add column decided_by uuid references app_user(id),
  -- An earlier contact about one of the same children received in the 12 months before this one.
  add column repeat_of uuid references contact(id),
  add column draft_id uuid,
  -- One referral per submission: 'api:<user>:<key>' for partner systems.
  add column submission_key text,
  add column request_hash text,
  add column version int not null default 1,
  add constraint contact_decided check (status <> 'decided' or (decision is not null and decided_at is not null));

create unique index contact_reference on contact (partnership_id, reference) where reference is not null;
create unique index contact_draft on contact (draft_id) where draft_id is not null;
create unique index contact_submission on contact (partnership_id, submission_key) where submission_key is not null;
create index contact_queue on contact (partnership_id, status, received_at);
create index contact_referrer on contact (referrer_user_id, received_at desc) where referrer_user_id is not null;

create table contact_reference_counter (
  partnership_id uuid not null references partnership(id),
  year int not null,
  last int not null,
  primary key (partnership_id, year)
);

-- The children and adults as the referrer described them, and the record each was linked to.
create table contact_subject (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  contact_id uuid not null references contact(id),
  position int not null,
  kind text not null check (kind in ('child','adult')),
  unborn boolean not null default false,
  given_name text not null default '',
  family_name text not null,
  other_names text not null default '',
  date_of_birth date,
  expected_date date,
  age_years int check (age_years between 0 and 120),
  sex text not null default 'unknown' check (sex in ('female','male','indeterminate','unknown')),
  nhs_number text,
  upn text,
  -- Adults: how they are related to the children, and whether they live with them.
  relationship text,
  relationship_detail text,
  lives_with_child boolean,
  person_id uuid references person(id),
  link_kind text check (link_kind in ('existing','created')),
  linked_at timestamptz,
  linked_by uuid references app_user(id),
  check (not unborn or kind = 'child'),
  unique (contact_id, position)
);
create index contact_subject_contact on contact_subject (contact_id, position);
create index contact_subject_person on contact_subject (person_id) where person_id is not null;

-- A referral being written: saved at every step, per user. Kept (emptied) after submission so a
-- replayed submission finds the contact it made.
create table referral_draft (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  user_id uuid not null references app_user(id),
  mode text not null default 'web' check (mode in ('web','phone')),
  data jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_contact_id uuid references contact(id),
  submitted_at timestamptz
);
create index referral_draft_user on referral_draft (user_id, updated_at desc) where submitted_contact_id is null;

-- A question from the MASH to one agency about one contact, due by a time set from the RAG rating.
create table information_request (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  contact_id uuid not null references contact(id),
  agency_id uuid not null references agency(id),
  question text not null,
  rag text not null check (rag in ('red','amber','green')),
  requested_at timestamptz not null default now(),
  requested_by uuid not null references app_user(id),
  due_at timestamptz not null,
  status text not null default 'open' check (status in ('open','answered','withdrawn')),
  holds_information boolean,
  answer text,
  answered_at timestamptz,
  answered_by uuid references app_user(id),
  closed_reason text,
  check (status <> 'answered' or (answered_at is not null and holds_information is not null))
);
create unique index information_request_open on information_request (contact_id, agency_id) where status = 'open';
create index information_request_agency on information_request (agency_id, status, due_at);
create index information_request_contact on information_request (contact_id);

-- Messages to send (the referrer: received, decided). A sender marks them sent.
create table notification_outbox (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  kind text not null,
  contact_id uuid references contact(id),
  recipient_user_id uuid references app_user(id),
  recipient_email text,
  subject text not null,
  body text not null,
  dedupe_key text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts int not null default 0,
  last_error text,
  unique (partnership_id, dedupe_key)
);
create index notification_outbox_unsent on notification_outbox (partnership_id, created_at) where sent_at is null;

-- What a decision hands on: a referral to children's social care, waiting to be allocated
-- (the casework feature picks these up), one per child.
create table referral (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  contact_id uuid not null references contact(id),
  person_id uuid not null references person(id),
  decision text not null check (decision in ('section_17','strategy_section_47','immediate_protection')),
  referral_date date not null,
  received_at timestamptz not null,
  status text not null default 'awaiting_allocation' check (status in ('awaiting_allocation','allocated','closed')),
  -- An earlier referral of the same child in the 12 months before (a repeat referral).
  repeat_of uuid references referral(id),
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  unique (contact_id, person_id)
);
create index referral_waiting on referral (partnership_id, status, referral_date);
create index referral_person on referral (person_id, referral_date);

-- Early help decisions wait here for a lead practitioner (the early help feature picks them up).
create table early_help_request (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  contact_id uuid not null references contact(id),
  person_id uuid not null references person(id),
  status text not null default 'waiting' check (status in ('waiting','allocated','closed')),
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  unique (contact_id, person_id)
);
create index early_help_request_waiting on early_help_request (partnership_id, status, created_at);

-- Two records found to be one person: every row that pointed at the merged record now points at
-- the kept one. `moved` lists each row (table, key, column) so that the merge can be undone.
create table person_merge (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  kept_person_id uuid not null references person(id),
  merged_person_id uuid not null references person(id),
  contact_id uuid references contact(id),
  reason text not null,
  moved jsonb not null,
  merged_at timestamptz not null default now(),
  merged_by uuid not null references app_user(id),
  undone_at timestamptz,
  undone_by uuid references app_user(id),
  check (kept_person_id <> merged_person_id)
);
create unique index person_merge_active on person_merge (merged_person_id) where undone_at is null;
create index person_merge_kept on person_merge (kept_person_id);

-- Local settings of a partnership (overrides of typed defaults in code).
create table partnership_setting (
  partnership_id uuid not null references partnership(id),
  key text not null,
  value jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references app_user(id),
  primary key (partnership_id, key)
);
