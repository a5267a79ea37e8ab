-- An agency's answer to an information request, one per person asked about: whether the agency
-- holds information about that person, and what. The request keeps whether it holds anything at all.
create table information_request_answer (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  request_id uuid not null references information_request(id),
  subject_id uuid not null references contact_subject(id),
  holds_information boolean not null,
  answer text,
  unique (request_id, subject_id),
  check (not holds_information or answer is not null)
);
create index information_request_answer_request on information_request_answer (request_id);
