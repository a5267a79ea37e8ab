-- An initial child protection conference held once for several brothers and sisters: each child
-- keeps their own conference record (their own decision, category and voice), and the records of
-- one meeting share its meeting_id. A recorded conference can be corrected with a reason: the
-- version before each correction is kept in casework_record_version, as for strategy discussions.
alter table conference
  add column meeting_id uuid,
  add column version int not null default 1,
  add column updated_at timestamptz,
  add column updated_by uuid references app_user(id);
create index conference_meeting on conference (meeting_id) where meeting_id is not null;

alter table casework_record_version drop constraint casework_record_version_entity_type_check;
alter table casework_record_version add constraint casework_record_version_entity_type_check
  check (entity_type in ('strategy_discussion', 'conference'));
