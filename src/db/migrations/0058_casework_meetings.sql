-- A strategy discussion held once for several children of one household: each child keeps their
-- own record (and their own decision), and the records of one meeting share its meeting_id.
-- A recorded strategy discussion can be corrected with a reason: the version before each
-- correction is kept in casework_record_version (append-only), and the record counts versions.
alter table strategy_discussion
  add column meeting_id uuid,
  add column version int not null default 1,
  add column updated_at timestamptz,
  add column updated_by uuid references app_user(id);
create index strategy_discussion_meeting on strategy_discussion (meeting_id) where meeting_id is not null;

create table casework_record_version (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  person_id uuid not null references person(id),
  entity_type text not null check (entity_type in ('strategy_discussion')),
  entity_id uuid not null,
  -- The version this row holds, as it was before the correction that replaced it.
  version int not null,
  data jsonb not null,
  -- Why the next version replaced it.
  reason text not null,
  corrected_at timestamptz not null default now(),
  corrected_by uuid references app_user(id),
  unique (entity_type, entity_id, version)
);
