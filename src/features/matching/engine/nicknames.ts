/**
 * Common English given names and the short and pet forms people go by. Each line is one group:
 * two names in the same group count as a nickname match. A name may sit in several groups
 * ("al" is Alan, Albert and Alfred), so the test is "share a group", not "same canonical name".
 */
const GROUPS = `
abigail abi abby abbie gail
alan allan allen al
albert al bert bertie
alexander alex alec alexandra alexa sandy sasha lexi xander
alfred alf alfie fred freddie
andrew andy drew
angela angie
anthony tony ant
archibald archie
arthur art artie
barbara barb babs
benjamin ben benny benji
bernard bernie
beatrice bea trixie
bradley brad
caroline carol carrie caz
catherine katherine kathryn katharine kate katie kat cathy kathy kitty cath kay
charles charlie chas chuck chaz
charlotte lottie charlie lotte
christina christine chris chrissie tina kirsty kristina
christopher chris kit topher
cynthia cindy
daniel dan danny
david dave davy davey
deborah debra debbie deb
dominic dom
donald don donny
dorothy dot dottie dolly
douglas doug
edward ed eddie ted teddy ned
eleanor elinor ellie nell nelly elle
elizabeth elisabeth liz lizzie lizzy beth betty bess bessie eliza libby elsie lisa
emily em emmy millie
emma em emmie
florence flo florrie
frances fran fanny frankie
francis frank frankie fran
frederick fred freddie freddy
gabriel gabe gabby
gabrielle gabby gaby
geoffrey jeffrey geoff jeff
gerald gerry jerry ged
gregory greg
harold harry hal
harriet hattie harry
helen helena nell ellie
henry harry hal hank
isabel isabella isabelle izzy bella issy
jacob jake jakey
james jim jimmy jamie jimbo
jacqueline jackie jacqui
janet jan jenny
jennifer jenny jen jenni
jessica jess jessie
john jack johnny jon jonny
jonathan jon jonny john nathan
joseph joe joey jo
josephine jo josie
joshua josh
judith judy jude
katrina kat trina
kenneth ken kenny
lawrence laurence larry laurie
leonard len lenny leo
lewis louis lou
louise louisa lou lulu
leslie les
lucy lucinda lu
madeleine madeline maddie madison maddy
margaret maggie meg megan peggy peg marge madge maisie greta rita
matilda tilly tilda mattie
matthew matt matty
michael mike mick mickey micky mikey
michelle shelly chelle
nathaniel nathan nat nate
nicholas nick nicky nico
nicola nicole nicky nikki
oliver olly ollie
olivia liv livvy ollie
patricia pat patsy trish tricia
patrick pat paddy
penelope penny
peter pete
philip phillip phil pip
rebecca becky becca bex
richard rich rick ricky dick richie
robert rob robbie bob bobby bert
ronald ron ronnie
rosemary rose rosie
samantha sam sammy
samuel sam sammy
sarah sara sally sadie
sophia sophie soph
stephanie steph stevie
stephen steven steve stevie
susan sue susie suzy suzanne
terence terry
theodore theo ted teddy
thomas tom tommy
timothy tim timmy
valerie val
victoria vicky vicki tori
vincent vince vinny
walter walt wally
william bill billy will willie liam
winifred winnie
zachary zach zack
`;

const groupsOf = new Map<string, number[]>();
GROUPS.trim()
  .split('\n')
  .forEach((line, index) => {
    for (const name of line.trim().split(/\s+/)) {
      const list = groupsOf.get(name) ?? [];
      if (!list.includes(index)) list.push(index);
      groupsOf.set(name, list);
    }
  });

/** True when two different normalised given names are forms of one another. */
export function areNicknames(a: string, b: string): boolean {
  if (!a || !b || a === b) return false;
  const ga = groupsOf.get(a);
  const gb = groupsOf.get(b);
  if (!ga || !gb) return false;
  return ga.some((g) => gb.includes(g));
}
