-- Independent scrutiny: challenges to partner agencies, answered round by round and judged, and the
-- scrutineer's reports. Answers and published reports are never changed: the database refuses it.
create table challenge (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  -- A number people can say ("challenge 12"), per partnership.
  ref int not null,
  title text not null,
  question text not null,
  evidence text not null default '',
  -- The scrutineer, or the young people's panel (recorded for it by the business manager).
  raised_by text not null check (raised_by in ('scrutineer','young_peoples_panel')),
  raised_by_user uuid not null references app_user(id),
  raised_on date not null,
  status text not null default 'open' check (status in ('open','accepted','escalated')),
  closed_on date,
  created_at timestamptz not null default now(),
  check ((status = 'open') = (closed_on is null)),
  unique (partnership_id, ref)
);
create index challenge_partnership on challenge (partnership_id, status, raised_on desc);

-- The agencies a challenge is put to.
create table challenge_agency (
  challenge_id uuid not null references challenge(id),
  agency_id uuid not null references agency(id),
  partnership_id uuid not null references partnership(id),
  primary key (challenge_id, agency_id)
);

-- Round 1 is the challenge as raised; each further challenge opens the next round with its own
-- question and due date. A round is judged once.
create table challenge_round (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  challenge_id uuid not null references challenge(id),
  number int not null check (number > 0),
  question text not null,
  due_on date not null,
  opened_on date not null,
  judgement text check (judgement in ('accepted','further','escalated')),
  judgement_note text,
  judged_on date,
  judged_by uuid references app_user(id),
  check ((judgement is null) = (judged_on is null)),
  unique (challenge_id, number)
);

-- An agency's answer in one round: once, never edited.
create table challenge_response (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  challenge_id uuid not null references challenge(id),
  round_id uuid not null references challenge_round(id),
  agency_id uuid not null references agency(id),
  answer text not null,
  evidence text not null default '',
  responded_by uuid not null references app_user(id),
  responded_at timestamptz not null default now(),
  unique (round_id, agency_id)
);
create index challenge_response_challenge on challenge_response (challenge_id);

create function challenge_response_refuse() returns trigger language plpgsql as $$
begin
  raise exception 'an answer to a challenge is never changed: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger challenge_response_immutable before update or delete on challenge_response
  for each row execute function challenge_response_refuse();

create table scrutiny_report (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  title text not null,
  findings text not null,
  status text not null default 'draft' check (status in ('draft','published')),
  created_by uuid not null references app_user(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_on date,
  published_by uuid references app_user(id),
  check ((status = 'published') = (published_on is not null))
);
create index scrutiny_report_partnership on scrutiny_report (partnership_id, status, created_at desc);

create table scrutiny_report_challenge (
  report_id uuid not null references scrutiny_report(id),
  challenge_id uuid not null references challenge(id),
  partnership_id uuid not null references partnership(id),
  primary key (report_id, challenge_id)
);

-- A published report, and the challenges it covers, are never changed.
create function scrutiny_report_refuse() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'scrutiny_report' then
    if old.status = 'published' then
      raise exception 'a published scrutiny report is never changed' using errcode = 'insufficient_privilege';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  if exists (select 1 from scrutiny_report r where r.status = 'published'
             and r.id = (case when tg_op = 'INSERT' then new.report_id else old.report_id end)) then
    raise exception 'a published scrutiny report is never changed' using errcode = 'insufficient_privilege';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger scrutiny_report_immutable before update or delete on scrutiny_report
  for each row execute function scrutiny_report_refuse();
create trigger scrutiny_report_challenge_immutable before insert or update or delete on scrutiny_report_challenge
  for each row execute function scrutiny_report_refuse();

-- Reads of children's records through the scrutiny relationship, for the page that lists them.
create index audit_scrutiny_reads on audit_event (partnership_id, seq desc) where detail->>'basis' = 'scrutiny';
