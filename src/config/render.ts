import { GROUPS, type GroupId } from './groups.js';
import { entries, type Variable } from './variable.js';
import { VARIABLES } from './variables.js';

// .env.example and docs/configuration.md, written from the table by `npm run config:docs`;
// test/config/config-docs.test.ts fails when the committed files differ from these.

const SOURCE = 'src/config/variables.ts';

type Entry = [name: string, variable: Variable<unknown>];

function byGroup(): [GroupId, Entry[]][] {
  const all: Entry[] = Object.entries(VARIABLES);
  return (Object.keys(GROUPS) as GroupId[]).map((group) => [group, all.filter(([, v]) => v.group === group)]);
}

/** "10 (test: 4, production: 12)"; `code` formats each value, an unset one says what happens instead. */
function defaultText(v: Variable<unknown>, code: (value: string) => string): string {
  const show = (value: string | undefined) => (value === undefined ? (v.unset ?? 'none') : code(value));
  const [first, ...others] = entries(v.defaults);
  return `${show(first![1])}${others.length ? ` (${others.map(([env, value]) => `${env}: ${show(value)}`).join(', ')})` : ''}`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

const comment = (text: string) => wrap(text, 98).map((line) => `# ${line}`);

export function renderEnvExample(): string {
  const out = [
    ...comment(
      'RetroFun GraphQL configuration. Copy to .env: npm start, npm run dev, every npm run command and npx mikro-orm read it, and variables already set win. Every variable is optional; a bad value stops the service with one line naming it. The reference: docs/configuration.md.',
    ),
    ...comment(`Generated from ${SOURCE} by npm run config:docs: edit the table, not this file.`),
  ];
  for (const [group, variables] of byGroup()) {
    out.push('', `# ==== ${GROUPS[group].title}`);
    for (const [name, v] of variables) {
      const first = entries(v.defaults)[0]![1];
      out.push(
        '',
        ...comment(`${name}: ${v.description}${v.postgresOnly ? ' Needs a PostgreSQL DATABASE_URL.' : ''}`),
        ...comment(`Type: ${v.type}. Default: ${defaultText(v, (value) => value)}.`),
        `# ${name}=${v.secret ? '' : (v.example ?? first ?? '')}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function renderReference(): string {
  const out = [
    '# Configuration',
    '',
    `<!-- Generated from ${SOURCE} by \`npm run config:docs\`: edit the table, not this page. -->`,
    '',
    'Every setting is an environment variable, and every variable is optional. They are read and validated once at start-up',
    '(`src/config/parse.ts`): a bad value stops the service with one line naming the variable, e.g.',
    '`retrofun-graphql: PORT must be an integer from 0 to 65535, got "http"`. An unreachable database gives one line too, e.g.',
    '`retrofun-graphql: cannot connect to the postgresql database at postgresql://shop:***@db:5432/shop: connect ECONNREFUSED …`',
    '(passwords are never printed).',
    '',
    '`npm start`, `npm run dev`, every `npm run` command and `npx mikro-orm` read `.env` if present (variables already set',
    'win); [`.env.example`](../.env.example) lists every variable with its default.',
    '',
    'Some defaults depend on `NODE_ENV`: *development* stands for any value other than `test` and `production`. Booleans',
    'take `true`/`false`, `1`/`0`, `yes`/`no` or `on`/`off`; words (enums) are case-insensitive; an empty value counts as unset.',
    '',
    "To add or change a variable, edit its entry in `src/config/variables.ts` (the database's: `variables-database.ts`; name, kind, bounds, defaults, description),",
    'map it into `AppConfig` in `src/config/parse.ts`, and run `npm run config:docs`; `npm test` fails while this page or',
    '`.env.example` is out of step with the table.',
  ];
  for (const [group, variables] of byGroup()) {
    out.push('', `## ${GROUPS[group].title}`, '', GROUPS[group].intro, '', '| Variable | Type | Default | Description |', '| --- | --- | --- | --- |');
    for (const [name, v] of variables) {
      const description = `${v.description}${v.postgresOnly ? ' Needs a PostgreSQL `DATABASE_URL`.' : ''}`;
      out.push(`| \`${name}\` | ${cell(v.type)}${v.secret ? ' (secret)' : ''} | ${cell(defaultText(v, (value) => `\`${value}\``))} | ${cell(description)} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** The generated files, by path from the project root. */
export function renderConfigDocs(): Record<string, string> {
  return { '.env.example': renderEnvExample(), 'docs/configuration.md': renderReference() };
}
