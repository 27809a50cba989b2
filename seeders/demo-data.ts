import { Role } from '../src/modules/wiki/user.entity.js';
/**
 * The small, fixed demo dataset loaded by `npm start` into an empty database.
 * Plain data, no randomness: the same rows (and keys) every time.
 */

export const countries = ['USA', 'UK', 'Japan', 'Germany', 'France', 'Canada'] as const;

export const manufacturers = ['Commodore', 'Apple', 'Sinclair Research', 'Atari', 'Acorn Computers', 'Amstrad', 'Tandy', 'Texas Instruments', 'IBM', 'Sharp', 'NEC', 'Thomson', 'Dragon Data'] as const;

type Country = (typeof countries)[number];
type Manufacturer = (typeof manufacturers)[number];

export interface DemoProduct {
  name: string;
  manufacturer: Manufacturer;
  year: number;
  cpu: string | null;
  countries: Country[];
  price: number | null;
}

export const products: DemoProduct[] = [
  { name: 'Commodore 64', manufacturer: 'Commodore', year: 1982, cpu: '6510', countries: ['USA'], price: 299 },
  { name: 'Amiga 500', manufacturer: 'Commodore', year: 1987, cpu: '68000', countries: ['USA', 'Germany'], price: 699 },
  { name: 'Amiga 1200', manufacturer: 'Commodore', year: 1992, cpu: '68EC020', countries: ['USA', 'Germany'], price: 599 },
  { name: 'VIC-20', manufacturer: 'Commodore', year: 1980, cpu: '6502', countries: ['USA', 'Canada'], price: 199 },
  { name: 'Commodore PET', manufacturer: 'Commodore', year: 1977, cpu: '6502', countries: ['USA'], price: 795 },
  { name: 'Apple II', manufacturer: 'Apple', year: 1977, cpu: '6502', countries: ['USA'], price: 1298 },
  { name: 'Apple IIGS', manufacturer: 'Apple', year: 1986, cpu: '65C816', countries: ['USA'], price: 999 },
  { name: 'Macintosh 128K', manufacturer: 'Apple', year: 1984, cpu: '68000', countries: ['USA'], price: 2495 },
  { name: 'ZX81', manufacturer: 'Sinclair Research', year: 1981, cpu: 'Z80', countries: ['UK'], price: 69.95 },
  { name: 'ZX Spectrum', manufacturer: 'Sinclair Research', year: 1982, cpu: 'Z80', countries: ['UK'], price: 125 },
  { name: 'Sinclair QL', manufacturer: 'Sinclair Research', year: 1984, cpu: '68008', countries: ['UK'], price: 399 },
  { name: 'Atari 800', manufacturer: 'Atari', year: 1979, cpu: '6502', countries: ['USA'], price: 999.95 },
  { name: 'Atari 520ST', manufacturer: 'Atari', year: 1985, cpu: '68000', countries: ['USA', 'Germany'], price: 799.99 },
  { name: 'BBC Micro', manufacturer: 'Acorn Computers', year: 1981, cpu: '6502', countries: ['UK'], price: 335 },
  { name: 'Acorn Archimedes', manufacturer: 'Acorn Computers', year: 1987, cpu: 'ARM2', countries: ['UK'], price: 875 },
  { name: 'Amstrad CPC 464', manufacturer: 'Amstrad', year: 1984, cpu: 'Z80', countries: ['UK', 'France'], price: 249 },
  { name: 'Amstrad PCW 8256', manufacturer: 'Amstrad', year: 1985, cpu: 'Z80', countries: ['UK'], price: 399 },
  { name: 'TRS-80 Model I', manufacturer: 'Tandy', year: 1977, cpu: 'Z80', countries: ['USA'], price: 599.95 },
  { name: 'TRS-80 Color Computer', manufacturer: 'Tandy', year: 1980, cpu: '6809', countries: ['USA'], price: 399 },
  { name: 'TI-99/4A', manufacturer: 'Texas Instruments', year: 1981, cpu: 'TMS9900', countries: ['USA'], price: 525 },
  { name: 'IBM PC', manufacturer: 'IBM', year: 1981, cpu: '8088', countries: ['USA'], price: 1565 },
  { name: 'IBM PCjr', manufacturer: 'IBM', year: 1984, cpu: '8088', countries: ['USA'], price: 669 },
  { name: 'Sharp X68000', manufacturer: 'Sharp', year: 1987, cpu: '68000', countries: ['Japan'], price: 3690 },
  { name: 'Sharp MZ-80K', manufacturer: 'Sharp', year: 1978, cpu: 'Z80', countries: ['Japan'], price: null },
  { name: 'NEC PC-8801', manufacturer: 'NEC', year: 1981, cpu: 'Z80', countries: ['Japan'], price: 1700 },
  { name: 'Thomson MO5', manufacturer: 'Thomson', year: 1984, cpu: '6809E', countries: ['France'], price: 299 },
  { name: 'Thomson TO7', manufacturer: 'Thomson', year: 1982, cpu: null, countries: ['France'], price: 350 },
  { name: 'Dragon 32', manufacturer: 'Dragon Data', year: 1982, cpu: '6809', countries: ['UK'], price: 175 },
];

export interface DemoCustomer {
  name: string;
  address: string | null;
  phone: string | null;
}

export const customers: DemoCustomer[] = [
  { name: 'Ada Byte', address: '12 Lovelace Lane, London', phone: '+44 20 7946 0018' },
  { name: 'Grace Hopper Jr', address: '1 Cobol Court, Arlington', phone: '+1 703 555 0142' },
  { name: 'Kay Nibble', address: '44 Sprite Street, Manchester', phone: null },
  { name: 'Jean Sammet', address: null, phone: '+1 617 555 0199' },
  { name: 'Hiro Tanaka', address: '3-2-1 Akihabara, Tokyo', phone: '+81 3 5555 0101' },
  { name: 'Marie Petit', address: '8 Rue du Minitel, Paris', phone: '+33 1 55 55 01 23' },
  { name: 'Otto Kernel', address: 'Bytestraße 64, Berlin', phone: null },
  { name: 'Linus Loop', address: null, phone: null },
];

export interface DemoOrder {
  customer: string;
  timestamp: string;
  items: { product: string; quantity: number }[];
}

export const orders: DemoOrder[] = [
  {
    customer: 'Ada Byte',
    timestamp: '2022-01-03T10:15:00Z',
    items: [
      { product: 'BBC Micro', quantity: 1 },
      { product: 'ZX Spectrum', quantity: 2 },
    ],
  },
  { customer: 'Grace Hopper Jr', timestamp: '2022-01-17T14:02:00Z', items: [{ product: 'Apple II', quantity: 1 }] },
  {
    customer: 'Kay Nibble',
    timestamp: '2022-02-05T09:30:00Z',
    items: [
      { product: 'Amiga 500', quantity: 1 },
      { product: 'Commodore 64', quantity: 1 },
      { product: 'VIC-20', quantity: 3 },
    ],
  },
  { customer: 'Jean Sammet', timestamp: '2022-02-21T18:45:00Z', items: [{ product: 'IBM PC', quantity: 2 }] },
  {
    customer: 'Hiro Tanaka',
    timestamp: '2022-03-02T03:12:00Z',
    items: [
      { product: 'Sharp X68000', quantity: 1 },
      { product: 'NEC PC-8801', quantity: 1 },
    ],
  },
  {
    customer: 'Marie Petit',
    timestamp: '2022-03-15T11:00:00Z',
    items: [
      { product: 'Thomson MO5', quantity: 2 },
      { product: 'Amstrad CPC 464', quantity: 1 },
    ],
  },
  { customer: 'Ada Byte', timestamp: '2022-04-09T16:20:00Z', items: [{ product: 'Acorn Archimedes', quantity: 1 }] },
  {
    customer: 'Otto Kernel',
    timestamp: '2022-04-28T08:05:00Z',
    items: [
      { product: 'Atari 520ST', quantity: 1 },
      { product: 'Amiga 1200', quantity: 1 },
    ],
  },
  { customer: 'Kay Nibble', timestamp: '2022-05-13T13:13:00Z', items: [{ product: 'Commodore 64', quantity: 2 }] },
  {
    customer: 'Grace Hopper Jr',
    timestamp: '2022-06-01T19:40:00Z',
    items: [
      { product: 'Macintosh 128K', quantity: 1 },
      { product: 'Apple IIGS', quantity: 1 },
      { product: 'Commodore 64', quantity: 1 },
    ],
  },
  { customer: 'Linus Loop', timestamp: '2022-06-18T22:22:00Z', items: [{ product: 'Amiga 500', quantity: 4 }] },
  { customer: 'Hiro Tanaka', timestamp: '2022-07-07T07:07:00Z', items: [{ product: 'ZX81', quantity: 5 }] },
];

export interface DemoReview {
  product: string;
  customer: string;
  timestamp: string;
  rating: number;
  comment: string | null;
}

export const reviews: DemoReview[] = [
  { product: 'BBC Micro', customer: 'Ada Byte', timestamp: '2022-01-20T10:00:00Z', rating: 5, comment: 'Rock solid, and the keyboard is a joy.' },
  { product: 'ZX Spectrum', customer: 'Ada Byte', timestamp: '2022-01-21T10:00:00Z', rating: 4, comment: 'Rubber keys, golden memories.' },
  { product: 'Apple II', customer: 'Grace Hopper Jr', timestamp: '2022-02-01T12:00:00Z', rating: 5, comment: null },
  { product: 'Amiga 500', customer: 'Kay Nibble', timestamp: '2022-02-20T09:00:00Z', rating: 5, comment: 'Guru Meditation aside, perfect.' },
  { product: 'Commodore 64', customer: 'Kay Nibble', timestamp: '2022-02-20T09:05:00Z', rating: 4, comment: 'The SID chip still sings.' },
  { product: 'VIC-20', customer: 'Kay Nibble', timestamp: '2022-02-20T09:10:00Z', rating: 3, comment: '5K of RAM is tight.' },
  { product: 'IBM PC', customer: 'Jean Sammet', timestamp: '2022-03-05T15:30:00Z', rating: 3, comment: 'Serious, beige, reliable.' },
  { product: 'Sharp X68000', customer: 'Hiro Tanaka', timestamp: '2022-03-20T01:00:00Z', rating: 5, comment: 'Arcade perfect at home.' },
  { product: 'Thomson MO5', customer: 'Marie Petit', timestamp: '2022-04-01T10:00:00Z', rating: 2, comment: 'Le clavier est difficile.' },
  { product: 'Atari 520ST', customer: 'Otto Kernel', timestamp: '2022-05-10T18:00:00Z', rating: 4, comment: 'MIDI ports built in.' },
  { product: 'Commodore 64', customer: 'Grace Hopper Jr', timestamp: '2022-06-15T20:00:00Z', rating: 5, comment: null },
  { product: 'Amiga 500', customer: 'Linus Loop', timestamp: '2022-07-01T21:00:00Z', rating: 1, comment: 'Arrived with a broken floppy drive.' },
  { product: 'Acorn Archimedes', customer: 'Ada Byte', timestamp: '2022-04-30T08:00:00Z', rating: 5, comment: 'RISC OS is a delight.' },
  { product: 'Amiga 1200', customer: 'Otto Kernel', timestamp: '2022-05-20T19:30:00Z', rating: 4, comment: null },
];

export const languages = ['English', 'German', 'Spanish', 'French'] as const;
export const blogAuthors = ['Jasmine Retro', 'Bob Bitwise', 'Carla Chiptune'] as const;

export interface DemoArticle {
  key: string;
  title: string;
  author: (typeof blogAuthors)[number];
  product: string | null;
  timestamp: string;
  language: (typeof languages)[number] | null;
  translationOf: string | null;
}

export const articles: DemoArticle[] = [
  { key: 'c64', title: 'Why the Commodore 64 still matters', author: 'Jasmine Retro', product: 'Commodore 64', timestamp: '2022-01-10T09:00:00Z', language: 'English', translationOf: null },
  { key: 'c64-de', title: 'Warum der Commodore 64 noch zählt', author: 'Jasmine Retro', product: 'Commodore 64', timestamp: '2022-01-12T09:00:00Z', language: 'German', translationOf: 'c64' },
  { key: 'c64-es', title: 'Por qué el Commodore 64 todavía importa', author: 'Carla Chiptune', product: 'Commodore 64', timestamp: '2022-01-14T09:00:00Z', language: 'Spanish', translationOf: 'c64' },
  { key: 'spectrum', title: 'Loading screens of the ZX Spectrum', author: 'Bob Bitwise', product: 'ZX Spectrum', timestamp: '2022-02-02T09:00:00Z', language: 'English', translationOf: null },
  { key: 'amiga', title: 'The Amiga demo scene', author: 'Carla Chiptune', product: 'Amiga 500', timestamp: '2022-03-03T09:00:00Z', language: 'English', translationOf: null },
  { key: 'amiga-fr', title: 'La demoscene sur Amiga', author: 'Carla Chiptune', product: 'Amiga 500', timestamp: '2022-03-09T09:00:00Z', language: 'French', translationOf: 'amiga' },
  { key: 'restoring', title: 'Restoring yellowed plastic', author: 'Bob Bitwise', product: null, timestamp: '2022-04-04T09:00:00Z', language: 'English', translationOf: null },
  { key: 'news', title: 'Store news: new arrivals', author: 'Jasmine Retro', product: null, timestamp: '2022-05-05T09:00:00Z', language: null, translationOf: null },
];

/** Blog readers: some are customers. `sessions` lists, per session, the article keys viewed. */
export const blogUsers: { key: string; customer: string | null; sessions: { start: string; views: string[] }[] }[] = [
  {
    key: 'reader-1',
    customer: 'Ada Byte',
    sessions: [
      { start: '2022-01-11T08:00:00Z', views: ['c64', 'spectrum'] },
      { start: '2022-03-04T08:00:00Z', views: ['amiga'] },
    ],
  },
  { key: 'reader-2', customer: null, sessions: [{ start: '2022-01-13T20:00:00Z', views: ['c64', 'c64-de', 'c64'] }] },
  {
    key: 'reader-3',
    customer: 'Otto Kernel',
    sessions: [
      { start: '2022-01-15T12:00:00Z', views: ['c64-de'] },
      { start: '2022-04-05T12:00:00Z', views: ['restoring', 'news'] },
    ],
  },
  { key: 'reader-4', customer: null, sessions: [{ start: '2022-03-10T17:00:00Z', views: ['amiga-fr', 'amiga', 'c64-es'] }] },
  {
    key: 'reader-5',
    customer: 'Marie Petit',
    sessions: [
      { start: '2022-03-12T10:00:00Z', views: ['amiga-fr'] },
      { start: '2022-05-06T10:00:00Z', views: ['news', 'restoring', 'c64'] },
    ],
  },
];

/** Wiki accounts of the Pyramid tutorial: development passwords are the user names. */
export const wikiUsers = [
  { name: 'editor', role: Role.EDITOR },
  { name: 'basic', role: Role.BASIC },
];

export const frontPage = {
  name: 'FrontPage',
  data: 'This is the front page of the RetroFun staff wiki. See also HowToPackAnAmiga.',
  timestamp: '2022-01-01T09:00:00Z',
};

/** RetroFun's staff: two managers (the workshop reports to operations) and three engineers. */
export interface DemoEmployee {
  name: string;
  hiredOn: string;
  manager: string | null;
  /** Linked to this demo wiki account when the demo accounts are created. */
  user?: string;
}
export const managers: (DemoEmployee & { department: string })[] = [
  { name: 'Grace Holloway', hiredOn: '2015-03-02', manager: null, department: 'Operations' },
  { name: 'Dieter Kranz', hiredOn: '2017-09-18', manager: 'Grace Holloway', department: 'Workshop', user: 'editor' },
];
export const engineers: (DemoEmployee & { specialty: string; certifiedOn: string[] })[] = [
  { name: 'Ada Solder', hiredOn: '2018-01-08', manager: 'Dieter Kranz', specialty: 'Disk drives and recapping', certifiedOn: ['Amiga 500', 'Amiga 1200', 'Atari 520ST'] },
  { name: 'Ken Pixel', hiredOn: '2019-06-03', manager: 'Dieter Kranz', specialty: 'Video circuits and CRT monitors', certifiedOn: ['Commodore 64', 'ZX Spectrum'], user: 'basic' },
  { name: 'Rosa Byte', hiredOn: '2023-11-20', manager: 'Dieter Kranz', specialty: 'Keyboards and power supplies', certifiedOn: [] },
];
