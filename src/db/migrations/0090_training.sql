-- Training: the partnership's courses, their sessions, practitioners' bookings and attendance,
-- and what attendees say afterwards (an evaluation, and a follow-up on impact three months on).
create table training_course (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  title text not null,
  description text not null default '',
  level text not null check (level in ('single_agency','multi_agency','specialist')),
  -- The roles the course is meant for (informs who is asked to book; booking is open to all).
  audience_roles text[] not null default '{}',
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  unique (partnership_id, title)
);

-- How many of each agency's staff the course should reach in a calendar year.
create table training_expectation (
  partnership_id uuid not null references partnership(id),
  course_id uuid not null references training_course(id),
  agency_id uuid not null references agency(id),
  year int not null check (year between 2000 and 2100),
  expected int not null check (expected between 0 and 100000),
  primary key (course_id, agency_id, year)
);

create table training_session (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  course_id uuid not null references training_course(id),
  held_on date not null,
  starts_at text not null check (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  online boolean not null,
  venue text,
  capacity int not null check (capacity between 1 and 1000),
  trainer text not null,
  created_at timestamptz not null default now(),
  check (online or venue is not null)
);
create index training_session_course on training_session (course_id, held_on);
create index training_session_date on training_session (partnership_id, held_on);

-- A practitioner's place. The agency and role are the booker's when they booked, so that reach
-- by agency stays true when people move on.
create table training_booking (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  session_id uuid not null references training_session(id),
  user_id uuid not null references app_user(id),
  agency_id uuid not null references agency(id),
  role text not null,
  booked_at timestamptz not null default now(),
  cancelled_at timestamptz,
  attendance text check (attendance in ('attended','did_not_attend')),
  attendance_marked_at timestamptz,
  attendance_marked_by uuid references app_user(id),
  check (cancelled_at is null or attendance is null)
);
create unique index training_booking_once on training_booking (session_id, user_id) where cancelled_at is null;
create index training_booking_user on training_booking (user_id);
create index training_booking_agency on training_booking (partnership_id, agency_id);

create table training_evaluation (
  booking_id uuid primary key references training_booking(id),
  partnership_id uuid not null references partnership(id),
  confidence_before int not null check (confidence_before between 1 and 5),
  confidence_after int not null check (confidence_after between 1 and 5),
  comments text not null default '',
  recorded_at timestamptz not null default now()
);

create table training_follow_up (
  booking_id uuid primary key references training_booking(id),
  partnership_id uuid not null references partnership(id),
  changed_practice text not null,
  impact int not null check (impact between 1 and 5),
  recorded_at timestamptz not null default now()
);
