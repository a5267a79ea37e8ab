-- Matching: indexes for the blocking queries of the live candidate search (features/matching).
-- Family name sound + year of birth, straight from person (current names; aliases and former names
-- are found through the name-sounds index below and by date of birth).
create index if not exists person_match_family_year
  on person (partnership_id, dmetaphone(family_name), (extract(year from date_of_birth)::int));
-- Given and family name sounds together (either order): a wrong or missing date of birth.
create index if not exists person_name_match_keys on person_name (partnership_id, family_key, given_key);
