-- Practice reviews: a serious incident notified to the national panel, its rapid review, the local
-- child safeguarding practice review it may commission, and the publication (or the reasons not to
-- publish). One row per review carries every stage; the pieces that repeat have their own tables.
create table review (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  reference text not null,
  -- Null when notified by hand for a child the system does not know yet.
  person_id uuid references person(id),
  child_description text check (char_length(child_description) <= 500),
  pseudonym text not null check (char_length(pseudonym) between 1 and 60),
  criteria text[] not null check (cardinality(criteria) > 0),
  what_happened text not null check (char_length(what_happened) between 1 and 10000),
  aware_on date not null,
  notification_due_on date not null,
  notified_on date not null,
  notified_by uuid not null references app_user(id),
  notifier_agency_id uuid not null references agency(id),
  rapid_review_due_on date not null,
  stage text not null default 'notified' check (stage in
    ('notified', 'rapid_review', 'not_commissioned', 'local_review', 'not_published', 'published')),
  -- The rapid review.
  period_from date,
  period_to date,
  chronology_assembled_at timestamptz,
  meeting_on date,
  meeting_notes text check (char_length(meeting_notes) <= 10000),
  learning text check (char_length(learning) <= 10000),
  themes text[] not null default '{}',
  commission boolean,
  decision_reasons text check (char_length(decision_reasons) <= 10000),
  panel_response text check (char_length(panel_response) <= 10000),
  rapid_completed_on date,
  -- The local child safeguarding practice review.
  reviewer text check (char_length(reviewer) <= 200),
  terms_of_reference text check (char_length(terms_of_reference) <= 20000),
  timeline text check (char_length(timeline) <= 10000),
  agency_reports text check (char_length(agency_reports) <= 20000),
  family_involvement text check (char_length(family_involvement) <= 10000),
  -- Publication: the decision and its reasons, signed off by the three statutory partners.
  publish boolean,
  publish_reasons text check (char_length(publish_reasons) <= 10000),
  publication_on date,
  published_text text,
  briefing text check (char_length(briefing) <= 10000),
  decided_on date,
  published_on date,
  created_at timestamptz not null default now(),
  check (period_to is null or period_from is null or period_to >= period_from),
  check (person_id is not null or child_description is not null),
  unique (partnership_id, reference)
);
create index review_person on review (person_id);

-- The people linked to the review and the professionals named, each with the review's pseudonym.
create table review_subject (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  review_id uuid not null references review(id),
  person_id uuid references person(id),
  role text not null check (role in ('child', 'sibling', 'adult', 'professional')),
  -- A professional's name (people linked to the case are read from their record).
  name text check (char_length(name) <= 200),
  pseudonym text not null check (char_length(pseudonym) between 1 and 60),
  unique (review_id, pseudonym)
);

-- The agencies taking part: partners told of the notification, and each agency's analysis.
create table review_agency (
  partnership_id uuid not null references partnership(id),
  review_id uuid not null references review(id),
  agency_id uuid not null references agency(id),
  told_at timestamptz,
  analysis text check (char_length(analysis) <= 10000),
  not_recorded text check (char_length(not_recorded) <= 10000),
  analysis_by uuid references app_user(id),
  analysis_at timestamptz,
  primary key (review_id, agency_id)
);

-- The multi-agency chronology as assembled for the rapid review: a copy, so that the review keeps
-- what it read whatever the records say later. Names are the subjects' pseudonyms.
create table review_chronology (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  review_id uuid not null references review(id),
  entry_id uuid not null,
  subject text not null,
  agency_id uuid not null references agency(id),
  occurred_on date not null,
  category text not null,
  summary text not null,
  recorded_by text
);
create index review_chronology_of on review_chronology (review_id, agency_id, occurred_on);

-- Draft and final reports, every version kept.
create table review_report_version (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  review_id uuid not null references review(id),
  version int not null,
  final boolean not null default false,
  text text not null check (char_length(text) between 1 and 200000),
  by_user uuid not null references app_user(id),
  at timestamptz not null default now(),
  unique (review_id, version)
);

create table review_recommendation (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  review_id uuid not null references review(id),
  number int not null,
  text text not null check (char_length(text) between 1 and 2000),
  owner_agency_id uuid not null references agency(id),
  themes text[] not null default '{}',
  closed_on date,
  closed_by uuid references app_user(id),
  unique (review_id, number)
);

create table review_sign_off (
  partnership_id uuid not null references partnership(id),
  review_id uuid not null references review(id),
  agency_id uuid not null references agency(id),
  user_id uuid not null references app_user(id),
  at timestamptz not null default now(),
  primary key (review_id, agency_id)
);
