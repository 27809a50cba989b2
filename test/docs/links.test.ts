import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';

/**
 * Every relative link and anchor of the README and docs/ resolves, as GitHub renders them: a
 * target file exists (inside the repository), and a `#fragment` names a heading of the target
 * Markdown file by GitHub's slug (github-slugger, duplicates numbered `-1`, `-2`). Web and mail
 * links are not followed. No database: this runs in every `npm test`.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README_MAX_LINES = 250;
const EXTERNAL = /^(https?:|mailto:)/i;

const markdown = new MarkdownIt({ html: true });
type Token = ReturnType<typeof markdown.parse>[number];

interface Link {
  href: string;
  line: number;
}

interface Parsed {
  links: Link[];
  anchors: Set<string>;
}

/** The text a heading renders to: its text and code spans, without Markdown syntax. */
function headingText(inline: Token): string {
  return (inline.children ?? []).map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : '')).join('');
}

/** Links (and images) with the line their paragraph or table cell starts on, and the anchors the headings make. */
function parseMarkdown(source: string): Parsed {
  const tokens = markdown.parse(source, {});
  const slugger = new GithubSlugger();
  const links: Link[] = [];
  const anchors = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open') {
      const inline = tokens[i + 1];
      if (inline?.type === 'inline') anchors.add(slugger.slug(headingText(inline)));
    }
    if (token.type !== 'inline') return;
    const line = (token.map?.[0] ?? 0) + 1;
    for (const child of token.children ?? []) {
      const href = child.type === 'link_open' ? child.attrGet('href') : child.type === 'image' ? child.attrGet('src') : null;
      if (href !== null) links.push({ href: String(href), line });
    }
  });
  return { links, anchors };
}

/** A repository seen as files: relative path → contents (Markdown) or null (any other file). */
type Files = ReadonlyMap<string, string | null>;

/** Each broken link as `file:line: href (reason)`; empty when every link resolves. */
function brokenLinks(files: Files, sources: readonly string[]): string[] {
  const parsed = new Map<string, Parsed>();
  const parse = (file: string) => {
    let p = parsed.get(file);
    if (!p) parsed.set(file, (p = parseMarkdown(files.get(file) ?? '')));
    return p;
  };
  const broken: string[] = [];
  for (const source of sources) {
    for (const { href, line } of parse(source).links) {
      if (EXTERNAL.test(href)) continue;
      const fail = (reason: string) => broken.push(`${source}:${line}: ${href} (${reason})`);
      const hash = href.indexOf('#');
      const rawPath = hash === -1 ? href : href.slice(0, hash);
      const fragment = hash === -1 ? undefined : decodeURIComponent(href.slice(hash + 1));
      const target = rawPath === '' ? source : path.posix.normalize(path.posix.join(path.posix.dirname(source), decodeURIComponent(rawPath)));
      if (target.startsWith('../') || path.posix.isAbsolute(target)) {
        fail('outside the repository');
        continue;
      }
      const bare = target.replace(/\/$/, '');
      if (!files.has(bare) && ![...files.keys()].some((f) => f.startsWith(`${bare}/`))) {
        fail('no such file');
        continue;
      }
      if (fragment === undefined || !bare.endsWith('.md')) continue;
      if (!parse(bare).anchors.has(fragment)) fail(`no heading with anchor #${fragment} in ${bare}`);
    }
  }
  return broken;
}

/** The repository's files (relative paths, `/`-separated), skipping dependencies, builds and VCS data. */
function repositoryFiles(): Map<string, string | null> {
  const skip = new Set(['node_modules', '.git', 'dist', 'data', 'tmp', 'coverage']);
  const files = new Map<string, string | null>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() || (entry.isSymbolicLink() && statSync(path.join(ROOT, rel)).isFile())) {
        files.set(rel, rel.endsWith('.md') ? readFileSync(path.join(ROOT, rel), 'utf8') : null);
      }
    }
  };
  walk('');
  return files;
}

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

describe('documentation links', () => {
  const files = repositoryFiles();
  const documents = [...files.keys()].filter((f) => f === 'README.md' || (f.startsWith('docs/') && f.endsWith('.md'))).sort();

  it('covers the README and the docs pages, which hold links and anchors', () => {
    expect(documents).toContain('README.md');
    expect(documents).toContain('docs/architecture.md');
    const links = documents.flatMap((d) => parseMarkdown(files.get(d) ?? '').links.filter((l) => !EXTERNAL.test(l.href)));
    expect(links.filter((l) => l.href.includes('#')).length).toBeGreaterThan(50);
  });

  it.each(documents)('every relative link and anchor in %s resolves', (document) => {
    expect(brokenLinks(files, [document])).toEqual([]);
  });

  it('the README stays short enough to read in ten minutes', () => {
    const readme = files.get('README.md') ?? '';
    expect(lineCount(readme), `README.md has ${lineCount(readme)} lines; move detail into docs/`).toBeLessThanOrEqual(README_MAX_LINES);
  });
});

describe('the link check itself', () => {
  const fixture: Files = new Map([
    ['README.md', '# Title\n\nSee [guide](docs/guide.md#a-b_c), [its second](docs/guide.md#setup-1) and [here](#title).\n'],
    ['docs/guide.md', '# Guide\n\n## A `b_c`!\n\n## Setup\n\n## Setup\n\n![shot](shots/a.png) [up](../README.md#title) [dir](shots/)\n'],
    ['docs/shots/a.png', null],
  ]);

  it('accepts links GitHub resolves: code spans and punctuation in headings, duplicates, images, directories, ../', () => {
    expect(brokenLinks(fixture, ['README.md', 'docs/guide.md'])).toEqual([]);
  });

  it('names each broken link: a missing file, a missing anchor, a path out of the repository', () => {
    const broken: Files = new Map([
      ...fixture,
      ['docs/bad.md', '# Bad\n\n[gone](missing.md) [typo](guide.md#set-up)\n\nx [out](../../etc/passwd) [self](#nope)\n[web](https://example.com/#x) [mail](mailto:a@b.c)\n'],
    ]);
    expect(brokenLinks(broken, ['docs/bad.md'])).toEqual([
      'docs/bad.md:3: missing.md (no such file)',
      'docs/bad.md:3: guide.md#set-up (no heading with anchor #set-up in docs/guide.md)',
      'docs/bad.md:5: ../../etc/passwd (outside the repository)',
      'docs/bad.md:5: #nope (no heading with anchor #nope in docs/bad.md)',
    ]);
  });

  it('finds the repository root it checks', () => {
    expect(existsSync(path.join(ROOT, 'package.json'))).toBe(true);
  });
});
