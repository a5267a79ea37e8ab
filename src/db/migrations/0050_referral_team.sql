-- The team a referral's work waits for, chosen at the MASH decision: its team manager reads the
-- child's record while the referral awaits allocation (the "waiting team" relationship).
alter table referral add column team_id uuid references team(id);
create index referral_waiting_team on referral (team_id, person_id) where status = 'awaiting_allocation';
