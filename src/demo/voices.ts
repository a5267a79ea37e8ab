/**
 * What the demo children say and show, in their own words. All fictional. {name} is the child's
 * first name and {carer} what the child calls the main carer.
 */
import type { Rng } from './random.ts';

export type AgeBand = 'baby' | 'young' | 'primary' | 'teen';

export function ageBand(age: number): AgeBand {
  return age < 2 ? 'baby' : age < 5 ? 'young' : age < 12 ? 'primary' : 'teen';
}

interface Said {
  words: string;
  methods: string[];
}

const s = (methods: string[], ...words: string[]): Said[] => words.map((w) => ({ words: w, methods }));

/** At a visit: what the child said or showed. */
const AT_VISIT: Record<AgeBand, Said[]> = {
  baby: s(
    ['observation'],
    'Observed: {name} was settled in {carer}’s arms, smiled at me and reached for the toy keys.',
    'Observed: {name} crawled to {carer} when the doorbell rang and calmed quickly when picked up.',
    'Observed: {name} was clean, alert and babbling; fed well from a bottle while we talked.',
    'Observed: {name} cried when put down, then settled with a song from {carer}.',
    'Observed: {name} was asleep in a clean cot on the back; woke and was content with {carer}.',
  ),
  young: [
    ...s(
      ['play'],
      '“This is my dinosaur. He is called Roary and he sleeps in my bed.”',
      '“{carer} makes pasta. I like the cheesy one.” (while playing kitchens)',
      '“The daddy doll is shouting. Now he has gone to his house.” (playing with the doll’s house)',
      '“I got a sticker at nursery for tidying up!”',
    ),
    ...s(
      ['observation', 'play'],
      'Showed me a drawing of a big sun and said “that’s me and {carer} at the park”.',
      'Took my hand to show me the bedroom: “my bed, my teddy, my light”.',
    ),
  ],
  primary: [
    ...s(
      ['seen_alone', 'conversation'],
      '“It’s been better this week. Nobody was shouting and we had pizza on Friday.”',
      '“I don’t like it when {carer} is sad. I make {carer} a cup of tea.”',
      '“I’m worried about {carer} being lonely at night when I’m asleep.”',
      '“My teacher said my reading is really good now. I’m on the purple books.”',
      '“I get hungry at school sometimes but now I have breakfast club.”',
      '“I wish we could stay in this house. I like my room and my friend lives next door.”',
    ),
    ...s(
      ['seen_alone', 'direct_work'],
      'Three houses: worries – “when the police came”; good things – “my dog and football”; wishes – “for everyone to be kind at home”.',
      'On the scaling sheet {name} put a 7 for feeling safe at home: “it was a 3 before Christmas”.',
    ),
    ...s(
      ['drawing'],
      'Drew the family: put {carer}, the dog and the cat inside the house and said “that’s all of us now”.',
    ),
  ],
  teen: s(
    ['seen_alone', 'conversation'],
    '“I just want things to be calm at home. I don’t want {carer} to get in trouble, but I don’t want it to go back to how it was.”',
    '“School is alright. I’m trying to go every day because I want to do my GCSEs.”',
    '“I stay at my mate’s sometimes when it kicks off. I know I should tell someone where I am.”',
    '“I don’t really want to talk about it today. Can we do it at school next week instead?”',
    '“I’m fine. Honestly. Well, mostly. Sleeping is hard.”',
    '“I like that you actually listen. The last worker just talked to {carer}.”',
    '“I look after the little ones a lot. I don’t mind but I’m tired.”',
    '“Things have been better since he moved out. {carer} laughs more.”',
  ),
};

/** For an assessment: the child's wishes and feelings. */
const FOR_ASSESSMENT: Record<AgeBand, Said[]> = {
  baby: s(
    ['observation'],
    'Observed over three visits: {name} is responsive, makes eye contact and is comforted by {carer}. Weight is on track.',
    'Observed: {name} startles at loud noises and is slow to settle; calmer when {carer} holds {name} close.',
  ),
  young: s(
    ['play', 'observation'],
    '“I like my house when it’s quiet.” In play, {name} put all the animals to bed and said “safe now”.',
    '“Loud voices at night.” {name} then wanted to play with the cars and did not say more.',
  ),
  primary: s(
    ['seen_alone', 'direct_work'],
    'Three houses. Worries: “the shouting and when {carer} cries”. Good things: “my friends, swimming”. Dreams: “a bigger flat and a puppy”.',
    '“I want to live with {carer} but I want the arguing to stop. I hide under my duvet with my headphones.”',
    '“Sometimes there’s no food and I feel bad asking.”',
  ),
  teen: s(
    ['seen_alone', 'conversation'],
    '“I want people to stop asking me the same questions. I’ve said what happened. I just want {carer} to get some help.”',
    '“If I could change one thing it would be for {carer} to stop drinking. On the good days it’s the best.”',
    '“I don’t feel safe when he’s there. When he’s not there it’s fine.”',
  ),
};

/** At a conference: the child's views, brought by the worker or an advocate. */
const AT_CONFERENCE: Record<AgeBand, Said[]> = {
  baby: [],
  young: s(
    ['play', 'observation'],
    'Shared by the social worker: in play, {name} put the toy family in the house and said “happy now”.',
  ),
  primary: [
    ...s(
      ['drawing'],
      'Shared by the social worker: {name}’s drawing of a house with a rainbow, captioned “I want my home to be happy”.',
    ),
    ...s(
      ['advocate'],
      'Through the advocate: “I want the meetings to stop one day because everything is OK. I want to keep going to football on Saturdays.”',
      'Through the advocate: “I want {carer} to keep going to the group because it helps. Home feels different now.”',
    ),
    ...s(
      ['seen_alone', 'direct_work'],
      'Shared by the social worker from a wishes and feelings sheet: “I feel safe at home most days. I still don’t like loud voices.”',
    ),
  ],
  teen: s(
    ['advocate'],
    'Through the advocate: “I know why everyone is worried. I want a say in what happens, and I want to stay at my school.”',
    'Read out by the chair from {name}’s letter: “Things are better but not perfect. Please don’t move us.”',
    'Through the advocate: “I’ve done what the plan asked. I want to be asked before decisions are made about me.”',
    'Read out by the chair from {name}’s message: “I’m not coming because it’s too much, but I want you to know I feel safer.”',
  ),
};

/** At a child in need plan review. */
const AT_CIN_REVIEW: Record<AgeBand, Said[]> = {
  baby: [],
  young: AT_VISIT.young,
  primary: s(
    ['seen_alone', 'conversation'],
    '“The plan is working. {carer} takes me to school on time now and I got an attendance certificate.”',
    '“I still worry sometimes but I talk to Miss at school.”',
  ),
  teen: s(
    ['seen_alone', 'conversation'],
    '“I go to the youth club on Tuesdays now. It’s good to get out of the house.”',
    '“I don’t need a social worker any more. Things are fine.”',
  ),
};

/** Things children talk about at visits, by topic: a visit's record joins two of them. */
const TALK: Record<AgeBand, string[][]> = {
  baby: [
    ['was settled and smiley', 'was grizzly at first and settled with {carer}', 'was alert and babbling'],
    [
      'nappy clean, clothes clean and warm',
      'fed well from a bottle while we talked',
      'slept in a clean cot with no loose bedding',
    ],
    [
      'looked to {carer} for comfort when I came in',
      'reached for the toy keys and laughed',
      'crawled across the room to {carer}',
      'was held close and talked to by {carer}',
    ],
  ],
  young: [
    ['My bed has stars on.', '{carer} reads me the bear book.', 'We have fish fingers on Fridays.'],
    ['I played in the sand at nursery.', 'My friend is called Ava.', 'I did painting. It’s a dinosaur.'],
    ['I was sad when the man shouted.', 'I’m happy today!', 'I don’t like the dark.', 'Look, I can jump!'],
  ],
  primary: [
    [
      'I got a star for my spelling.',
      'Miss Hughes helps me when I get stuck.',
      'I don’t like PE but I like art.',
      'We’re doing the Romans and I made a shield.',
    ],
    [
      'Tea is better now, we have proper dinners.',
      '{carer} isn’t shouting as much.',
      'It’s noisy at night sometimes and I can’t sleep.',
      'I like it when we watch films on Friday.',
    ],
    [
      'I go to football on Saturdays.',
      'My best friend came for a sleepover.',
      'I’m on level twelve of my game.',
      'I’ve been learning to swim.',
    ],
    [
      'I still worry when {carer} goes out.',
      'I don’t want to move school.',
      'I think about what happened when I’m in bed.',
      'Sometimes I feel cross and I don’t know why.',
    ],
    [
      'I wish we could go to the seaside.',
      'I want everyone to get on.',
      'I want to see Grandad more.',
      'I want a dog when we move.',
    ],
  ],
  teen: [
    [
      'College applications are stressing me out.',
      'I had a detention but it wasn’t my fault.',
      'I’ve been going to every lesson this week.',
      'Maths is fine, English is harder.',
    ],
    [
      'It’s calmer at home at the moment.',
      '{carer} and me had a proper talk last night.',
      'I don’t like being at home when there’s drinking.',
      'I keep my door shut most of the time.',
    ],
    [
      'I’ve been at the gym with my mates.',
      'I got a Saturday job at the café.',
      'I don’t go to the park any more, there’s people there I want to avoid.',
      'I’ve started boxing on Thursdays.',
    ],
    [
      'I’m sleeping better.',
      'I still get angry but I walk it off now.',
      'Some days are rubbish, some days are fine.',
      'Talking to the school counsellor helps a bit.',
    ],
    [
      'I want to get my own place when I’m older.',
      'I just want people to stop worrying about me.',
      'I want to do mechanics at college.',
      'I want the little ones to be OK.',
    ],
  ],
};

const TALK_METHODS: Record<AgeBand, string[][]> = {
  baby: [['observation']],
  young: [['play'], ['observation', 'play']],
  primary: [
    ['seen_alone', 'conversation'],
    ['seen_alone', 'play'],
  ],
  teen: [['seen_alone', 'conversation'], ['conversation']],
};

/** Two things the child talked about (or, for a baby, was seen doing) at a visit. */
function talk(rng: Rng, band: AgeBand): Said {
  const topics = rng.faker.helpers.arrayElements(TALK[band], 2).map((t) => rng.pick(t));
  const words = band === 'baby' ? `Observed: {name} ${topics.join('; ')}.` : `“${topics.join(' ')}”`;
  return { words, methods: rng.pick(TALK_METHODS[band]) };
}

const CONTEXTS = {
  visit: AT_VISIT,
  assessment: FOR_ASSESSMENT,
  conference: AT_CONFERENCE,
  cin_plan_review: AT_CIN_REVIEW,
  direct_work: AT_VISIT,
};

/**
 * What the child said or showed in this context, never twice the same for one child (`heard`), or
 * undefined when the child is too young to say more than a visit shows.
 */
export function childSays(
  rng: Rng,
  context: keyof typeof CONTEXTS,
  band: AgeBand,
  name: string,
  carer: string,
  heard: Set<string>,
): Said | undefined {
  const pool = CONTEXTS[context][band];
  if (!pool.length) return undefined;
  for (let tries = 0; tries < 8; tries++) {
    const visit = context !== 'assessment' && context !== 'conference';
    const said = visit && (tries > 1 || rng.chance(0.6)) ? talk(rng, band) : rng.pick(pool);
    const words = fill(said.words, name, carer);
    if (heard.has(words)) continue;
    heard.add(words);
    return { words, methods: said.methods };
  }
  return undefined;
}

export const fill = (text: string, name: string, carer: string) =>
  text.replaceAll('{name}', name).replaceAll('{carer}', carer);

/** Why the child's voice is not recorded, with the child's name filled in. */
export function voiceAbsent(
  rng: Rng,
  band: AgeBand,
  name: string,
  carer: string,
  context: keyof typeof CONTEXTS,
): string {
  if (context === 'conference')
    return fill(
      band === 'baby'
        ? '{name} is too young to share a view; the social worker described {name}’s routines and how {name} is with {carer}.'
        : '{name} chose not to attend or send a message this time; the social worker shared what {name} has said at recent visits.',
      name,
      carer,
    );
  const reasons =
    band === 'baby'
      ? [
          '{name} is a baby and too young to give a view; observed settled and responsive with {carer}.',
          '{name} was asleep throughout; seen in the cot, breathing comfortably.',
        ]
      : [
          '{name} did not want to talk today; we agreed to meet at school instead.',
          '{name} was unwell and in bed; seen briefly with {carer}.',
          '{name} was upset after a difficult day at school; I kept the visit short.',
        ];
  return fill(rng.pick(reasons), name, carer);
}
