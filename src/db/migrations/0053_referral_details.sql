-- More of what a referral says (issue: the referral form's missing questions): each child's
-- ethnicity (CIN census code), first language, whether an interpreter is needed and any disability
-- or special educational needs; each adult's phone number and the child their relationship is to
-- (the child's position on the contact; none: every child); the category of concern.
alter table contact_subject
  add column ethnicity text,
  add column first_language text,
  add column interpreter_needed boolean,
  add column disability text check (disability in ('none','disability','send','both','not_known')),
  add column phone text,
  add column relationship_to int check (relationship_to >= 0);
alter table contact add column concern_category text
  check (concern_category in ('neglect','physical','sexual','emotional','multiple','not_known'));
