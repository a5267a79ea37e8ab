-- Allocation and caseloads: who allocated a child, why, and who ended it. History is the ended rows
-- of allocation (0001); a child has at most one open allocation (a worker and the worker's team).
-- Weighting and limit are local settings in partnership_setting (0020), key 'caseloads.settings'.

alter table allocation
  add column reason text check (char_length(reason) <= 500),
  add column allocated_by uuid references app_user(id),
  add column ended_by uuid references app_user(id),
  add column end_reason text check (char_length(end_reason) <= 500),
  add constraint allocation_dates check (ended_at is null or ended_at >= started_at);

-- One open allocation per child: two managers allocating at once cannot both win.
create unique index allocation_open_person on allocation (person_id) where ended_at is null;
-- A team's caseloads, and a child's history, newest first.
create index allocation_team_open on allocation (partnership_id, team_id) include (person_id, user_id)
  where ended_at is null;
create index allocation_history on allocation (person_id, started_at desc);
