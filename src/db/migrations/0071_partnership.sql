-- The partnership itself: its relevant agencies, its published arrangements (versions signed off by
-- the three statutory partners), funding, and the executive and subgroups with their meetings.

-- Relevant agencies: the ones the partners chose to take part in the arrangements.
alter table agency add column relevant_agency boolean not null default false;

create table arrangements_version (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  version int not null check (version > 0),
  title text not null,
  body text not null,
  status text not null default 'draft' check (status in ('draft','published')),
  published_on date,
  created_by uuid references app_user(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (partnership_id, version),
  check ((status = 'published') = (published_on is not null))
);
-- One draft at a time: a change to the published arrangements is the next version.
create unique index arrangements_one_draft on arrangements_version (partnership_id) where status = 'draft';

-- A published version is never edited; the service refuses first (409), this is the backstop.
create function arrangements_published_guard() returns trigger language plpgsql as $$
begin
  if old.status = 'published' then
    raise exception 'arrangements version % is published and cannot change', old.version;
  end if;
  return new;
end $$;
create trigger arrangements_published_guard before update or delete on arrangements_version
  for each row execute function arrangements_published_guard();

create table arrangements_signoff (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  version_id uuid not null references arrangements_version(id),
  agency_id uuid not null references agency(id),
  signed_by uuid not null references app_user(id),
  signed_at timestamptz not null default now(),
  unique (version_id, agency_id)
);

create table partnership_funding (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  agency_id uuid not null references agency(id),
  -- The financial year, '2025-26'.
  year text not null check (year ~ '^\d{4}-\d{2}$'),
  amount numeric(12,2) not null check (amount >= 0),
  note text not null default '',
  unique (agency_id, year)
);

-- The executive and its subgroups.
create table partnership_body (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  name text not null,
  kind text not null check (kind in ('executive','subgroup')),
  remit text not null default '',
  active boolean not null default true,
  unique (partnership_id, name)
);

create table partnership_meeting (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  body_id uuid not null references partnership_body(id),
  held_on date not null,
  chair_user_id uuid not null references app_user(id),
  location text not null default '',
  created_by uuid references app_user(id),
  created_at timestamptz not null default now()
);
create index partnership_meeting_body on partnership_meeting (body_id, held_on);

create table partnership_meeting_attendance (
  partnership_id uuid not null references partnership(id),
  meeting_id uuid not null references partnership_meeting(id),
  agency_id uuid not null references agency(id),
  status text not null check (status in ('present','apologies','absent')),
  primary key (meeting_id, agency_id)
);

create table partnership_meeting_paper (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  meeting_id uuid not null references partnership_meeting(id),
  title text not null,
  summary text not null default '',
  created_at timestamptz not null default now()
);
create index partnership_meeting_paper_meeting on partnership_meeting_paper (meeting_id);

create table partnership_meeting_decision (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  meeting_id uuid not null references partnership_meeting(id),
  decision text not null,
  created_at timestamptz not null default now()
);
create index partnership_meeting_decision_meeting on partnership_meeting_decision (meeting_id);
