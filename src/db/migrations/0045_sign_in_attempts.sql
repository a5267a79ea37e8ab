-- Sign-in attempts (a password or a second-factor code) in flight: each is counted before the slow
-- check, so that parallel attempts cannot get past the lockout. attempt_started_at lets a count left
-- by a crashed process lapse.
alter table app_user
  add column attempts_in_flight int not null default 0,
  add column attempt_started_at timestamptz;
