-- Foundation: partnership, organisation, sign-in, person index, chronology, access, audit.
-- Every table holding partnership data carries partnership_id (future distribution key).
create extension if not exists pg_trgm;
create extension if not exists fuzzystrmatch;

create table partnership (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  created_at timestamptz not null default now()
);

create table agency (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  name text not null,
  kind text not null check (kind in ('local_authority','police','health_commissioner','health_provider','school',
    'early_years','probation','youth_justice','housing','voluntary','other')),
  statutory_partner boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (partnership_id, name)
);

create table team (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  agency_id uuid not null references agency(id),
  name text not null,
  is_mash boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (agency_id, name)
);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  agency_id uuid not null references agency(id),
  team_id uuid references team(id),
  email text not null,
  display_name text not null,
  roles text[] not null check (cardinality(roles) > 0),
  password_hash text,
  active boolean not null default true,
  failed_attempts int not null default 0,
  locked_until timestamptz,
  totp_secret text,
  totp_enabled boolean not null default false,
  oidc_subject text,
  is_demo boolean not null default false,
  password_changed_at timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now(),
  version int not null default 1
);
create unique index app_user_email on app_user (partnership_id, lower(email));
create unique index app_user_oidc on app_user (partnership_id, oidc_subject) where oidc_subject is not null;

-- Sessions live in the database so app servers keep no state. id is the sha256 of the cookie value.
create table user_session (
  id text primary key,
  partnership_id uuid references partnership(id),
  user_id uuid references app_user(id),
  csrf_token text not null,
  mfa_pending boolean not null default false,
  data jsonb not null default '{}',
  ip text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index user_session_user on user_session (user_id);
create index user_session_last_seen on user_session (last_seen_at);

create table api_token (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  user_id uuid not null references app_user(id),
  name text not null,
  token_hash text not null unique,
  created_by uuid references app_user(id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table person (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  kind text not null check (kind in ('child','adult')),
  unborn boolean not null default false,
  expected_date date,
  given_name text not null default '',
  family_name text not null,
  date_of_birth date,
  sex text not null default 'unknown' check (sex in ('female','male','indeterminate','unknown')),
  ethnicity text,
  nhs_number text,
  upn text,
  council_id text,
  restricted boolean not null default false,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  updated_at timestamptz not null default now(),
  updated_by uuid references app_user(id),
  version int not null default 1,
  check (not unborn or kind = 'child'),
  check (unborn or date_of_birth is not null or kind = 'adult' or expected_date is null)
);
create unique index person_nhs on person (partnership_id, nhs_number) where nhs_number is not null;
create unique index person_upn on person (partnership_id, upn) where upn is not null;
create unique index person_council on person (partnership_id, council_id) where council_id is not null;
create index person_dob on person (partnership_id, date_of_birth);

-- Every name a person has gone by; search runs over these. *_norm are lower-case letters only,
-- *_key the double metaphone code.
create table person_name (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  kind text not null check (kind in ('current','alias','former','birth')),
  given_name text not null default '',
  family_name text not null,
  given_norm text not null,
  family_norm text not null,
  given_key text not null,
  family_key text not null,
  created_at timestamptz not null default now()
);
create index person_name_person on person_name (person_id);
create index person_name_family_trgm on person_name using gin (family_norm gin_trgm_ops);
create index person_name_given_trgm on person_name using gin (given_norm gin_trgm_ops);
create index person_name_family_key on person_name (partnership_id, family_key);

create table address (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  line1 text not null,
  line2 text,
  town text,
  postcode text not null,
  postcode_norm text not null,
  from_date date,
  to_date date,
  created_at timestamptz not null default now(),
  check (to_date is null or from_date is null or to_date >= from_date)
);
create index address_person on address (person_id);
create index address_postcode on address (partnership_id, postcode_norm);

-- kind says what related_person is to person: related_person is person's parent, carer, ...
create table relationship (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  related_person_id uuid not null references person(id),
  kind text not null check (kind in ('parent','carer','sibling','household_member','partner_of_parent','child','other')),
  from_date date,
  to_date date,
  created_at timestamptz not null default now(),
  check (person_id <> related_person_id)
);
create index relationship_person on relationship (person_id);
create index relationship_related on relationship (related_person_id);

create table household (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  label text not null,
  created_at timestamptz not null default now()
);
create table household_member (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  household_id uuid not null references household(id),
  person_id uuid not null references person(id),
  from_date date,
  to_date date,
  check (to_date is null or from_date is null or to_date >= from_date)
);
create index household_member_person on household_member (person_id);
create index household_member_household on household_member (household_id);

-- An agency's open involvement with a person (the child's school, GP practice, allocated team).
create table involvement (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  agency_id uuid not null references agency(id),
  team_id uuid references team(id),
  role text not null,
  started_on date not null,
  ended_on date,
  created_at timestamptz not null default now()
);
create index involvement_person on involvement (person_id, agency_id);
create index involvement_agency on involvement (agency_id) where ended_on is null;

create table allocation (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  user_id uuid not null references app_user(id),
  team_id uuid references team(id),
  started_at timestamptz not null default now(),
  ended_at timestamptz
);
create index allocation_person on allocation (person_id) where ended_at is null;
create index allocation_user on allocation (user_id) where ended_at is null;

-- Contacts to the front door; the front-door feature extends these. Here for the MASH access rule.
create table contact (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  status text not null default 'open' check (status in ('open','decided','closed')),
  received_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create table contact_person (
  contact_id uuid not null references contact(id),
  person_id uuid not null references person(id),
  partnership_id uuid not null references partnership(id),
  primary key (contact_id, person_id)
);
create index contact_person_person on contact_person (person_id);

create table restricted_access (
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  user_id uuid not null references app_user(id),
  granted_by uuid references app_user(id),
  granted_at timestamptz not null default now(),
  primary key (person_id, user_id)
);

create table break_glass (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  user_id uuid not null references app_user(id),
  person_id uuid not null references person(id),
  reason text not null,
  started_at timestamptz not null default now(),
  expires_at timestamptz not null,
  reviewed_by uuid references app_user(id),
  reviewed_at timestamptz,
  review_outcome text check (review_outcome in ('appropriate','inappropriate')),
  review_note text
);
create index break_glass_user_person on break_glass (user_id, person_id, expires_at);
create index break_glass_unreviewed on break_glass (partnership_id) where reviewed_at is null;

create table chronology_entry (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  occurred_on date not null,
  recorded_at timestamptz not null default now(),
  recorded_by uuid references app_user(id),
  source_agency_id uuid not null references agency(id),
  category text not null,
  significance text not null check (significance in ('low','medium','high')),
  visibility text not null check (visibility in ('partnership','mash_and_allocated','agency')),
  summary text not null,
  detail text not null default '',
  origin text not null default 'agency' check (origin in ('agency','system'))
);
create index chronology_person on chronology_entry (person_id, occurred_on desc, recorded_at desc);

-- Append-only audit trail, hash-chained per partnership. The trigger assigns seq and hash under a
-- lock so the chain order is the commit order; UPDATE, DELETE and TRUNCATE are refused.
create table audit_event (
  seq bigint primary key,
  partnership_id uuid not null,
  occurred_at timestamptz not null default now(),
  user_id uuid,
  user_name text,
  role text,
  agency_id uuid,
  action text not null,
  entity_type text,
  entity_id text,
  person_id uuid,
  reason text,
  ip text,
  detail jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);
create sequence audit_event_seq;
create index audit_person on audit_event (person_id, occurred_at desc) where person_id is not null;
create index audit_user on audit_event (user_id, occurred_at desc);

create function audit_event_digest(e audit_event) returns text language sql immutable as $$
  select encode(sha256(convert_to(concat_ws('|', e.prev_hash, e.seq::text, e.partnership_id::text,
    (extract(epoch from e.occurred_at) * 1000000)::bigint::text, coalesce(e.user_id::text, ''),
    coalesce(e.user_name, ''), coalesce(e.role, ''), coalesce(e.agency_id::text, ''), e.action,
    coalesce(e.entity_type, ''), coalesce(e.entity_id, ''), coalesce(e.person_id::text, ''),
    coalesce(e.reason, ''), coalesce(e.ip, ''), e.detail::text), 'UTF8')), 'hex')
$$;

create function audit_event_chain() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(7262002, hashtext(new.partnership_id::text));
  new.seq := nextval('audit_event_seq');
  new.occurred_at := clock_timestamp();
  new.prev_hash := coalesce((select hash from audit_event where partnership_id = new.partnership_id
                             order by seq desc limit 1), 'genesis');
  new.hash := audit_event_digest(new);
  return new;
end $$;
create trigger audit_event_chain before insert on audit_event for each row execute function audit_event_chain();

create function audit_event_refuse() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger audit_event_no_update before update or delete on audit_event for each row execute function audit_event_refuse();
create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_refuse();
