/**
 * Word lists for the fictional county of Elmshire. The places, streets and postcodes are invented;
 * the names are common given names and surnames, combined at random, so they describe nobody.
 */

export type Heritage = 'british' | 'irish' | 'polish' | 'romanian' | 'south_asian' | 'african' | 'caribbean';

export interface NamePool {
  girls: string[];
  boys: string[];
  women: string[];
  men: string[];
  elderWomen: string[];
  elderMen: string[];
  surnames: string[];
  /** CIN census ethnicity code. */
  ethnicity: string;
}

// prettier-ignore
const britishSurnames = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
  'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke',
  'Harris', 'Lewis', 'Turner', 'Hill', 'Cooper', 'Ward', 'Morris', 'Moore', 'King', 'Watson', 'Harrison',
  'Morgan', 'Baker', 'Young', 'Allen', 'Mitchell', 'Bell', 'Carter', 'Phillips', 'Parker', 'Shaw',
  'Bennett', 'Griffiths', 'Marshall', 'Cook', 'Richardson', 'Hughes', 'Edwards', 'Palmer', 'Holmes',
  'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins',
  'Dixon', 'Fletcher', 'Pearce', 'Gibson', 'Hunt', 'Chapman', 'Webb', 'Rogers', 'Dawson', 'Fox', 'Mason',
  'Ellis', 'Gray', 'Owen', 'Atkinson', 'Pollard', 'Sutcliffe', 'Whitehead', 'Lambert', 'Hobbs', 'Pickering',
  'Thornton', 'Ashworth', 'Fairbairn', 'Smith-Jones', 'Lane-Fox',
];

// prettier-ignore
const britishGirls = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Isabella', 'Rosie', 'Sophia', 'Grace', 'Freya',
  'Poppy', 'Ella', 'Evie', 'Willow', 'Florence', 'Millie', 'Harper', 'Sienna', 'Daisy', 'Phoebe', 'Ruby',
  'Maisie', 'Emily', 'Ellie', 'Erin', 'Lacey', 'Skye', 'Darcey', 'Chloë', 'Summer', 'Megan', 'Holly',
  'Jessica', 'Lola', 'Esme', 'Matilda', 'Niamh', 'Scarlett',
];
// prettier-ignore
const britishBoys = [
  'Noah', 'Oliver', 'George', 'Arthur', 'Leo', 'Harry', 'Oscar', 'Archie', 'Henry', 'Theo', 'Freddie',
  'Jack', 'Charlie', 'Alfie', 'Jacob', 'Thomas', 'Finley', 'Riley', 'Tommy', 'Lucas', 'Reggie', 'Ronnie',
  'Teddy', 'Kai', 'Mason', 'Tyler', 'Logan', 'Jayden', 'Kayden', 'Ethan', 'Harley', 'Bobby', 'Louie',
  'Jake', 'Max', 'Callum', 'Dylan', 'Joshua', 'Lewis', 'Reuben',
];
// prettier-ignore
const britishWomen = [
  'Sarah', 'Emma', 'Laura', 'Gemma', 'Kayleigh', 'Chloe', 'Jade', 'Amy', 'Stacey', 'Hannah', 'Rebecca',
  'Charlotte', 'Danielle', 'Leanne', 'Natalie', 'Zoe', 'Lauren', 'Jessica', 'Sophie', 'Amber', 'Shannon',
  'Kirsty', 'Chantelle', 'Samantha', 'Nicola', 'Claire', 'Kelly', 'Michelle', 'Lisa', 'Victoria', 'Hayley',
  'Abigail', 'Renée', 'Siân',
];
// prettier-ignore
const britishMen = [
  'Daniel', 'James', 'Ryan', 'Liam', 'Jamie', 'Lee', 'Craig', 'Dean', 'Wayne', 'Darren', 'Mark', 'Paul',
  'Jason', 'Carl', 'Scott', 'Kyle', 'Connor', 'Jordan', 'Ashley', 'Adam', 'Matthew', 'Thomas', 'Nathan',
  'Shane', 'Stuart', 'Gareth', 'Martin', 'Steven', 'Anthony', 'Richard', 'Aaron', 'Kieran',
];
// prettier-ignore
const britishElderWomen = [
  'Susan', 'Linda', 'Karen', 'Julie', 'Denise', 'Carol', 'Tracey', 'Angela', 'Jacqueline', 'Wendy',
  'Beverley', 'Sharon', 'Pauline', 'Janet', 'Gillian', 'Lorraine', 'Maureen',
];
// prettier-ignore
const britishElderMen = [
  'Stephen', 'David', 'Gary', 'Kevin', 'Keith', 'Trevor', 'Barry', 'Graham', 'Alan', 'Colin', 'Brian',
  'Philip', 'Robert', 'Derek', 'Malcolm', 'Terry', 'Nigel',
];

// prettier-ignore
export const NAME_POOLS: Record<Heritage, NamePool> = {
  british: {
    girls: britishGirls,
    boys: britishBoys,
    women: britishWomen,
    men: britishMen,
    elderWomen: britishElderWomen,
    elderMen: britishElderMen,
    surnames: britishSurnames,
    ethnicity: 'WBRI',
  },
  irish: {
    girls: ['Aoife', 'Niamh', 'Ciara', 'Saoirse', 'Róisín', 'Orla', 'Erin', 'Caoimhe'],
    boys: ['Cian', 'Oisín', 'Seán', 'Darragh', 'Conor', 'Fionn', 'Ronan', 'Patrick'],
    women: ['Siobhan', 'Aisling', 'Sinéad', 'Clodagh', 'Gráinne', 'Mairead', 'Bridget'],
    men: ['Declan', 'Ciarán', 'Padraig', 'Eamon', 'Colm', 'Dermot', 'Brendan'],
    elderWomen: ['Bernadette', 'Kathleen', 'Mary', 'Philomena', 'Teresa'],
    elderMen: ['Michael', 'Seamus', 'Gerard', 'Francis', 'Joseph'],
    surnames: ["O'Brien", "O'Connor", 'Murphy', 'McCarthy', 'Doherty', 'Byrne', 'Kavanagh', 'Ní Bhriain'],
    ethnicity: 'WIRI',
  },
  polish: {
    girls: ['Zuzanna', 'Julia', 'Maja', 'Zofia', 'Hanna', 'Lena', 'Alicja', 'Oliwia'],
    boys: ['Jakub', 'Antoni', 'Jan', 'Szymon', 'Filip', 'Kacper', 'Aleksander', 'Mikołaj'],
    women: ['Agnieszka', 'Joanna', 'Katarzyna', 'Magdalena', 'Monika', 'Ewa', 'Małgorzata'],
    men: ['Tomasz', 'Piotr', 'Paweł', 'Krzysztof', 'Marcin', 'Łukasz', 'Michał'],
    elderWomen: ['Danuta', 'Halina', 'Krystyna', 'Barbara'],
    elderMen: ['Andrzej', 'Zbigniew', 'Stanisław', 'Jerzy'],
    surnames: ['Nowak', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański'],
    ethnicity: 'WOTH',
  },
  romanian: {
    girls: ['Maria', 'Ioana', 'Elena', 'Andreea', 'Bianca', 'Daria'],
    boys: ['Andrei', 'David', 'Ștefan', 'Luca', 'Matei', 'Alexandru'],
    women: ['Mihaela', 'Alina', 'Cristina', 'Florentina', 'Raluca'],
    men: ['Ionuț', 'Florin', 'Bogdan', 'Marian', 'Adrian'],
    elderWomen: ['Viorica', 'Doina', 'Rodica'],
    elderMen: ['Gheorghe', 'Vasile', 'Nicolae'],
    surnames: ['Popescu', 'Ionescu', 'Constantin', 'Dumitru', 'Stan', 'Munteanu', 'Lungu'],
    ethnicity: 'WOTH',
  },
  south_asian: {
    girls: ['Maryam', 'Zara', 'Aisha', 'Hafsa', 'Inaya', 'Anaya', 'Amira', 'Safa', 'Priya', 'Simran'],
    boys: ['Muhammad', 'Ibrahim', 'Yusuf', 'Zayn', 'Ayaan', 'Hamza', 'Adam', 'Arjun', 'Rayan', 'Idris'],
    women: ['Fatima', 'Sadia', 'Nasreen', 'Shabana', 'Ayesha', 'Rukhsana', 'Sunita', 'Parveen', 'Nadia'],
    men: ['Imran', 'Tariq', 'Asif', 'Kamran', 'Faisal', 'Rizwan', 'Sanjay', 'Abdul', 'Shahid'],
    elderWomen: ['Razia', 'Zubeda', 'Kulwant', 'Shamim'],
    elderMen: ['Mohammed', 'Bashir', 'Gurdev', 'Ashraf'],
    surnames: ['Khan', 'Hussain', 'Ali', 'Ahmed', 'Rahman', 'Patel', 'Begum', 'Iqbal', 'Akhtar', 'Singh', 'Chaudhry'],
    ethnicity: 'APKN',
  },
  african: {
    girls: ['Precious', 'Blessing', 'Adaeze', 'Amara', 'Esi', 'Favour', 'Chioma', 'Abena'],
    boys: ['Tobi', 'David', 'Emmanuel', 'Kofi', 'Daniel', 'Chidi', 'Samuel', 'Kwame'],
    women: ['Grace', 'Chiamaka', 'Ngozi', 'Akosua', 'Funmilayo', 'Comfort', 'Abimbola'],
    men: ['Emeka', 'Kwabena', 'Oluwaseun', 'Chinedu', 'Yaw', 'Babatunde', 'Tendai'],
    elderWomen: ['Adwoa', 'Folake', 'Nneka'],
    elderMen: ['Kojo', 'Olusegun', 'Obinna'],
    surnames: ['Okoye', 'Adeyemi', 'Boateng', 'Osei', 'Mensah', 'Okonkwo', 'Adebayo', 'Owusu', 'Moyo'],
    ethnicity: 'BAFR',
  },
  caribbean: {
    girls: ['Nia', 'Amani', 'Kiara', 'Jasmine', 'Tia', 'Imani'],
    boys: ['Malachi', 'Jaden', 'Elijah', 'Tyrese', 'Isaiah', 'Marley'],
    women: ['Marcia', 'Simone', 'Sharelle', 'Keisha', 'Tanya', 'Donna'],
    men: ['Delroy', 'Marlon', 'Leon', 'Winston', 'Andre', 'Clive'],
    elderWomen: ['Hyacinth', 'Gloria', 'Pearl'],
    elderMen: ['Everton', 'Desmond', 'Errol'],
    surnames: ['Campbell', 'Francis', 'Bailey', 'Grant', 'Gordon', 'Reid', 'Samuels', 'Thomas'],
    ethnicity: 'BCRB',
  },
};

/** How often each heritage heads a family (weights). */
export const HERITAGE_WEIGHTS: { value: Heritage; weight: number }[] = [
  { value: 'british', weight: 74 },
  { value: 'irish', weight: 3 },
  { value: 'polish', weight: 6 },
  { value: 'romanian', weight: 3 },
  { value: 'south_asian', weight: 8 },
  { value: 'african', weight: 4 },
  { value: 'caribbean', weight: 2 },
];

/** Towns of Elmshire with invented postcode districts (the EM area is not a real one). */
export const TOWNS: { name: string; districts: string[]; primary: 'school1' | 'school3' }[] = [
  { name: 'Elmford', districts: ['EM1', 'EM2', 'EM3'], primary: 'school1' },
  { name: 'Millbrook', districts: ['EM4'], primary: 'school1' },
  { name: 'Wrenham', districts: ['EM5', 'EM6'], primary: 'school3' },
  { name: 'Oakhythe', districts: ['EM7'], primary: 'school3' },
  { name: 'Fernleigh Market', districts: ['EM8'], primary: 'school1' },
  { name: 'Casterby', districts: ['EM9', 'EM10'], primary: 'school3' },
  { name: 'Little Sedley', districts: ['EM11'], primary: 'school1' },
];

// prettier-ignore
export const STREET_WORDS = [
  'Oak', 'Willow', 'Church', 'Mill', 'Station', 'Orchard', 'Meadow', 'Rowan', 'Hazel', 'Beech', 'Chestnut',
  'Hawthorn', 'Kingfisher', 'Heron', 'Linden', 'Sycamore', 'Alder', 'Elm', 'Poplar', 'Juniper', 'Bramble',
  'Primrose', 'Bluebell', 'Foxglove', 'Larch', 'Cedar', 'Holly', 'Laurel', 'Maple', 'Wren', 'Lapwing',
  'Sedley', 'Brook', 'Quarry', 'Tanners', 'Weavers', 'Coopers', 'Ferrymans', 'Barley', 'Harvest',
  'Saxon', 'Abbey', 'Castle', 'Bridge', 'Market', 'Nightingale', 'Sandpiper', 'Partridge',
];
// prettier-ignore
export const STREET_KINDS = [
  'Road', 'Close', 'Street', 'Lane', 'Avenue', 'Drive', 'Way', 'Court', 'Gardens', 'Crescent', 'Grove',
  'Terrace', 'Rise', 'Walk', 'Mews', 'View', 'Place', 'Green',
];
export const FLAT_BLOCKS = ['Wren House', 'Kestrel Court', 'Alder Tower', 'Heron Point', 'Sedley House'];

/** Inward-code letters Royal Mail uses (no C, I, K, M, O or V). */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
