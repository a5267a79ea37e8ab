/**
 * Generates a large, realistic-looking (and wholly made-up) person index straight in SQL:
 * generate_series in batches, names drawn from weighted lists (common surnames often, a long tail
 * of rarer ones), dates of birth across children and adults, one address each, some aliases, and
 * an open involvement of one agency for a share of them.
 */
import type { Db } from '../../src/db/index.ts';

/** "Name:weight Name:weight ..." as pairs. */
function weighted(list: string): [string, number][] {
  return list
    .trim()
    .split(/\s+/)
    .map((x) => {
      const [name, w] = x.split(':');
      return [name!, Number(w)];
    });
}

/** Name:weight; the weights roughly follow how common the surnames are in England. */
const SURNAMES = weighted(`
  Smith:120 Jones:80 Williams:60 Taylor:55 Brown:55 Davies:45 Evans:40 Wilson:40 Thomas:38 Johnson:38
  Roberts:36 Robinson:30 Thompson:30 Wright:30 Walker:29 White:28 Edwards:27 Hughes:27 Green:26
  Hall:26 Lewis:25 Harris:25 Clarke:25 Patel:25 Jackson:24 Wood:24 Turner:23 Martin:23 Cooper:23
  Hill:22 Ward:22 Morris:22 Moore:21 Clark:21 Lee:21 King:21 Baker:20 Harrison:20 Morgan:20 Allen:19
  James:19 Scott:19 Phillips:18 Watson:18 Davis:18 Parker:17 Price:17 Bennett:17 Young:17
  Griffiths:16 Mitchell:16 Kelly:16 Cook:16 Carter:16 Richardson:15 Bailey:15 Collins:15 Bell:15
  Shaw:15 Murphy:15 Miller:14 Cox:14 Richards:14 Khan:14 Marshall:14 Anderson:14 Simpson:13 Ellis:13
  Adams:13 Singh:13 Begum:13 Wilkinson:13 Foster:12 Chapman:12 Powell:12 Webb:12 Rogers:12 Gray:12
  Mason:12 Ali:12 Hunt:11 Hussain:11 Campbell:11 Matthews:11 Owen:11 Palmer:11 Holmes:11 Mills:10
  Barnes:10 Knight:10 Lloyd:10 Butler:10 Russell:10 Barker:10 Fisher:10 Stevens:10 Jenkins:10
  Murray:10 Dixon:10 Harvey:10 Graham:9 Pearson:9 Ahmed:9 Fletcher:9 Walsh:9 Kaur:9 Gibson:9 Howard:9
  Andrews:9 Stewart:9 Elliott:9 Reynolds:8 Saunders:8 Payne:8 Fox:8 Ford:8 Pearce:8 Day:8 Brooks:8
  West:8 Lawrence:8 Cole:8 Atkinson:8 Bradley:8 Spencer:8 Gill:8 Dawson:8 Ball:7 Burton:7 Watts:7
  Rose:7 Booth:7 Perry:7 Ryan:7 Grant:7 Wells:7 Armstrong:7 Francis:7 Rees:7 Hayes:7 Hart:7 Hudson:7
  Newman:7 Barrett:7 Webster:7 Hunter:7 Gregory:7 Carr:7 Lowe:7 Page:7 Marsh:7 Riley:7 Dunn:7 Woods:7
  Parsons:6 Berry:6 Stone:6 Reid:6 Holland:6 Hawkins:6 Harding:6 Porter:6 Robertson:6 Newton:6
  Oliver:6 Reed:6 Kennedy:6 Williamson:6 Bird:6 Gardner:6 Shah:6 Dean:6 Lane:6 Cooke:6 Bates:6
  Henderson:6 Parry:6 Burgess:6 Bishop:6 Walton:6 Burns:6 Nicholson:6 Shepherd:6 Ross:6 Cross:6
  Long:6 Freeman:6 Warren:6 Nicholls:6 Hamilton:6 Byrne:6 Sutton:6 McDonald:6 Yates:6 Hodgson:6
  Robson:6 O'Brien:7 O'Connor:5 Curtis:6 Hopkins:6 Harper:5 Coleman:5 Watkins:5 Moss:5 McCarthy:5 Chambers:5 Wallace:5
  Nowak:5 Kowalski:4 Okafor:4 Mensah:4 Nguyen:4 Chen:4 Rahman:4 Islam:4 Abdi:4 Mohamed:4 Osei:4
  Adeyemi:4 Popescu:4 Silva:4 Santos:4
`);

/** Parts of rarer, English-sounding surnames for the long tail (prefix x suffix). */
const TAIL_PREFIX = `
  Ash Black Brad Brook Cald Craw Dal East Elm Fair Fen Gold Green Hal Hart Hay Hol Kings Lang Lock
  Marl Mid Mor New North Oak Pen Ray Red Rock Rush Sand Shel South Stan Stock Thorn Thur Wal West
  Whit Wick Wind Wolf Wor Ather Bram Chad Dun Fox
`
  .trim()
  .split(/\s+/);
const TAIL_SUFFIX = `
  ford ley ton well wood by ham more field worth stone bridge combe dale hurst wick cott den ridge
  bury shaw brook land low man er ell ing son ings
`
  .trim()
  .split(/\s+/);

const GIVEN_FEMALE = weighted(`
  Olivia:30 Amelia:30 Isla:25 Ava:25 Mia:22 Ivy:20 Lily:22 Isabella:20 Rosie:18 Sophia:18 Grace:18
  Freya:18 Ella:18 Evie:18 Poppy:16 Emily:20 Florence:14 Willow:14 Sophie:16 Chloe:16 Jessica:16
  Charlotte:18 Ruby:16 Daisy:14 Maisie:12 Hannah:16 Ellie:14 Emma:14 Sarah:22 Laura:18 Rebecca:16
  Amy:16 Claire:14 Nicola:14 Michelle:12 Rachel:14 Kelly:12 Lisa:14 Joanne:12 Karen:12 Susan:12
  Julie:12 Helen:12 Elizabeth:14 Margaret:10 Patricia:8 Linda:8 Jane:10 Mary:10 Fatima:10 Aisha:10
  Zara:10 Maryam:8 Amira:6 Zuzanna:4 Priya:6 Chantelle:4 Leah:10 Megan:12 Lauren:12 Courtney:6
  Jade:10 Stacey:6 Katie:12 Holly:10 Abigail:10 Harriet:6 Phoebe:8 Matilda:8 Niamh:6
`);
const GIVEN_MALE = weighted(`
  Oliver:30 George:28 Noah:25 Arthur:22 Muhammad:22 Leo:20 Harry:22 Oscar:18 Archie:18 Henry:18
  Jack:22 Charlie:20 Freddie:16 Theo:16 Thomas:20 James:22 William:20 Alfie:16 Joshua:16 Jacob:16
  Ethan:14 Daniel:18 Samuel:14 Joseph:14 Lucas:12 Mason:10 Max:10 Logan:8 John:22 David:22 Michael:20
  Paul:18 Mark:18 Andrew:16 Richard:14 Christopher:16 Stephen:14 Steven:10 Matthew:16 Craig:10 Lee:10
  Darren:10 Jason:10 Wayne:8 Gary:10 Robert:14 Peter:12 Anthony:12 Kevin:10 Ian:10 Simon:10 Adam:12
  Ryan:12 Liam:12 Connor:10 Kyle:8 Callum:8 Jordan:8 Mohammed:12 Ahmed:8 Ali:8 Ibrahim:8 Yusuf:8
  Jakub:4 Kwame:3 Tyler:8 Reece:6 Dylan:10 Kai:8
`);

function expand(list: [string, number][]): string[] {
  return list.flatMap(([name, w]) => Array<string>(w).fill(name));
}

/** Surnames drawn by weight: about 60 % from the common list, 40 % from the long tail. */
function surnamePool(): string[] {
  const common = expand(SURNAMES);
  const tail = TAIL_PREFIX.flatMap((p) => TAIL_SUFFIX.map((s) => p + s));
  // Repeat the tail so that it makes up ~40 % of draws.
  const reps = Math.max(1, Math.round((common.length * 0.4) / 0.6 / tail.length));
  return [...common, ...Array.from({ length: reps }, () => tail).flat()];
}

export interface GenerateOptions {
  n: number;
  partnershipId: string;
  /** Share of people with an open involvement of this agency. */
  involvedAgencyId?: string;
  batch?: number;
  seed?: number;
  onProgress?: (done: number) => void;
}

const lit = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** Generates opts.n people (with names, an address each, some aliases) in batches. */
export async function generatePeople(db: Db, opts: GenerateOptions): Promise<void> {
  const batch = opts.batch ?? 100_000;
  const sn = lit(surnamePool());
  const gf = lit(expand(GIVEN_FEMALE));
  const gm = lit(expand(GIVEN_MALE));
  const norm = (col: string) => `lower(regexp_replace(${col}, '[^A-Za-z]', '', 'g'))`;
  for (let done = 0; done < opts.n; done += batch) {
    const size = Math.min(batch, opts.n - done);
    await db.transaction(async (tx) => {
      await tx.query('select setseed($1)', [((opts.seed ?? 1) * 0.0137 + (done / batch) * 0.0071) % 1]);
      // 45 % children (0-17), the rest adults up to 85; dates spread over every day.
      await tx.query(
        `create temp table gen on commit drop as
         select gen_random_uuid() as id, s.sex, s.age_days,
           (case when s.sex = 'female' then g.f[1 + floor(random() * cardinality(g.f))::int]
                 else g.m[1 + floor(random() * cardinality(g.m))::int] end) as given,
           g.s[1 + floor(random() * cardinality(g.s))::int] as family,
           g.s[1 + floor(random() * cardinality(g.s))::int] as other_family,
           random() as r1, random() as r2, random() as r3
         from (select case when random() < 0.5 then 'female' else 'male' end as sex,
                 case when random() < 0.45 then floor(random() * 18 * 365.25)::int
                      else floor((18 + random() * 67) * 365.25)::int end as age_days
               from generate_series(1, $1)) s,
              (select ${sn} as s, ${gf} as f, ${gm} as m) g`,
        [size],
      );
      await tx.query(
        `insert into person (id, partnership_id, kind, given_name, family_name, date_of_birth, sex, ethnicity)
         select id, $1::uuid, case when age_days < 18 * 365 then 'child' else 'adult' end, given, family,
           current_date - age_days, sex, case when r3 < 0.8 then 'WBRI' when r3 < 0.9 then 'AOTH' else 'OOTH' end
         from gen`,
        [opts.partnershipId],
      );
      await tx.query(
        `insert into person_name (partnership_id, person_id, kind, given_name, family_name, given_norm, family_norm,
           given_key, family_key)
         select $1::uuid, id, 'current', given, family, ${norm('given')}, ${norm('family')},
           dmetaphone(${norm('given')}), dmetaphone(${norm('family')}) from gen
         union all
         select $1::uuid, id, case when r1 < 0.05 then 'former' else 'alias' end, given, other_family, ${norm('given')},
           ${norm('other_family')}, dmetaphone(${norm('given')}), dmetaphone(${norm('other_family')})
         from gen where r1 < 0.1`,
        [opts.partnershipId],
      );
      await tx.query(
        `insert into address (partnership_id, person_id, line1, town, postcode, postcode_norm, from_date)
         select $1::uuid, id, (1 + floor(r2 * 200))::int || ' High Street', 'Elmbridge', pc, replace(pc, ' ', ''),
           current_date - floor(r1 * 3000)::int
         from (select id, r1, r2, 'EL' || (1 + floor(r2 * 20))::int || ' ' || floor(r3 * 10)::int
                 || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + floor(random() * 20)::int, 1)
                 || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + floor(random() * 20)::int, 1) as pc from gen) a`,
        [opts.partnershipId],
      );
      if (opts.involvedAgencyId) {
        await tx.query(
          `insert into involvement (partnership_id, person_id, agency_id, role, started_on)
           select $1::uuid, id, $2::uuid, 'social_care', current_date - 30 from gen where r2 < 0.2`,
          [opts.partnershipId, opts.involvedAgencyId],
        );
      }
    });
    opts.onProgress?.(done + size);
  }
}
