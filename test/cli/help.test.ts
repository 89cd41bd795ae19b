import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli.js';
import { EXIT_STATUSES } from '../../src/cli/help.js';
import { simloop } from './run-cli.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('simloop --help', () => {
  it('lists every command with its summary, the exit statuses and an example of each, on stdout, exit 0', () => {
    for (const flag of ['--help', '-h', 'help']) {
      const { status, stdout, stderr } = simloop([flag]);
      expect([status, stderr]).toEqual([0, '']);
      const lines = stdout.split('\n');
      expect(lines[0]).toBe(`simloop ${VERSION}: deterministic simulation of concurrent TypeScript on asyncio's event loop,`);
      for (const command of COMMANDS) {
        expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${command.name} +${escape(command.summary)}$`)));
        expect(lines).toContain(`  ${command.examples[0]}`);
      }
      for (const [code, meaning] of EXIT_STATUSES) expect(lines).toContain(`  ${code}  ${meaning}`);
    }
  });

  it('prints the version with --version and -v', () => {
    expect(simloop(['--version'])).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(simloop(['-v'])).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('simloop help COMMAND', () => {
  it.each(COMMANDS.map((command) => [command.name, command] as const))('describes every flag of %s with what it does, and an example', (name, command) => {
    const { status, stdout } = simloop(['help', name]);
    expect(status).toBe(0);
    expect(simloop([name, '--help']).stdout).toBe(stdout);
    expect(simloop([name, '-h']).stdout).toBe(stdout);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`usage: ${command.usage}`);
    const options = lines.slice(lines.indexOf('options:'), lines.indexOf('examples:'));
    for (const option of command.options) {
      const flag = `--${option.name}${option.value === undefined ? '' : ` ${option.value}`}`;
      const line = options.findIndex((text) => new RegExp(`^  (-${option.short ?? '_'}, |    )${escape(flag)}( |$)`).test(text));
      expect(line, `--${option.name} is listed`).toBeGreaterThan(0);
      expect(`${options[line]} ${options[line + 1]}`.replace(/\s+/g, ' ')).toContain(option.description);
    }
    expect(lines).toContain('examples:');
    for (const example of command.examples) expect(lines).toContain(`  ${example}`);
    for (const [code, meaning] of command.exitCodes) expect(lines).toContain(`  ${code}  ${meaning}`);
  });

  it('names the commands when asked about one that does not exist', () => {
    expect(simloop(['help', 'frob'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'simloop: unknown command "frob"; the commands are explore, replay, scenario, check, merge (see simloop --help)\n',
    });
  });

  it('takes conventional short flags: -n runs, -s seed, -p policy', () => {
    const long = simloop(['explore', 'test/scenarios/sleep-zero-interleaving.json', '--policy', 'random', '--runs', '7', '--seed', '3', '--no-progress']);
    const short = simloop(['explore', 'test/scenarios/sleep-zero-interleaving.json', '-p', 'random', '-n', '7', '-s', '3', '--no-progress']);
    expect(short).toEqual(long);
    expect(long.stdout.split('\n')[0]).toBe('simloop explore sleep-zero-interleaving: policy random, seed 3, 7 runs');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
