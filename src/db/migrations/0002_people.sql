-- Person search: a consonant skeleton of each name, so that spellings which sound alike and typos
-- that swap or drop a vowel or an "h" meet ("Thompson"/"Tomson", "Smith"/"Smtih", "John"/"Jonh")
-- where double metaphone (cut to four letters) and trigrams miss them. The first letter is kept;
-- after it ph sounds as f, a p between m and s/t is dropped, ck is k, vowels, h, w and y go, and
-- repeated letters count once.
create function name_skeleton(n text) returns text language sql immutable strict parallel safe as $$
  select left(n, 1) || regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    substr(n, 2), 'ph', 'f', 'g'), 'mp([st])', 'm\1', 'g'), 'ck', 'k', 'g'), '[aeiouhwy]', '', 'g'),
    '(.)\1+', '\1', 'g')
$$;

alter table person_name
  add column given_skel text generated always as (name_skeleton(given_norm)) stored,
  add column family_skel text generated always as (name_skeleton(family_norm)) stored;

-- Candidate lookups need a sound-alike part and the other part's initial (a typo in one name is
-- still found through the other); they cover person_id so the lookups read the index only.
create index person_name_family_skel on person_name (partnership_id, family_skel, left(given_norm, 1)) include (person_id);
create index person_name_given_skel on person_name (partnership_id, given_skel, left(family_norm, 1)) include (person_id);
create index person_name_keys on person_name (partnership_id, family_key, given_key) include (person_id);
create index person_name_given_key on person_name (partnership_id, given_key) include (person_id);
-- Date of birth ranges joined to name candidates without visiting the table.
create index person_dob_cover on person (partnership_id, date_of_birth) include (id, restricted);
