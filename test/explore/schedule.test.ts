import { describe, expect, it } from 'vitest';
import { formatSchedule, parseSchedule, ScheduleSyntaxError } from '../../src/explore/choices/schedule.js';

describe('a schedule reads and writes as one compact line', () => {
  it('compresses runs of a value and drops trailing zeros', () => {
    expect(formatSchedule({ choices: [0, 0, 0, 1, 0, 0], cancel: null })).toBe('v1;0x3,1');
    expect(formatSchedule({ choices: [2, 2, 0, 1], cancel: null })).toBe('v1;2x2,0,1');
    expect(formatSchedule({ choices: [0, 0], cancel: null })).toBe('v1;');
    expect(formatSchedule({ choices: [], cancel: '*' })).toBe('v1;cancel=*;');
    expect(formatSchedule({ choices: [0, 1], cancel: 'worker 1;x' })).toBe('v1;cancel=worker%201%3Bx;0,1');
  });

  it('parses back what it writes', () => {
    for (const text of ['v1;', 'v1;0x3,1', 'v1;cancel=*;0x12,1,0,3x2', 'v1;cancel=worker%201%3Bx;0,1']) {
      expect(formatSchedule(parseSchedule(text))).toBe(text);
    }
    expect(parseSchedule(' v1;cancel=request-1;0x2,1 ')).toEqual({ choices: [0, 0, 1], cancel: 'request-1' });
  });

  it('names what is wrong with a malformed line', () => {
    const error = (text: string): string => {
      try {
        parseSchedule(text);
      } catch (thrown) {
        expect(thrown).toBeInstanceOf(ScheduleSyntaxError);
        return (thrown as Error).message;
      }
      throw new Error(`${text} parsed`);
    };
    expect(error('0x3,1')).toBe('malformed schedule "0x3,1": it must start with "v1;" or "v2;"');
    expect(error('v3;1')).toBe('malformed schedule "v3;1": version v3 is not supported (this simloop reads v1 and v2)');
    expect(error('v2;1')).toBe(
      'malformed schedule "v2;1": unknown part "1" (a v2 schedule has cancel=TASK and STREAM=CHOICES, the streams being sched, net, disk, crash, clock, buggify, random)',
    );
    expect(error('v2;net=1;net=2')).toBe('malformed schedule "v2;net=1;net=2": net= is given twice');
    expect(error('v2;tcp=1')).toContain('unknown part "tcp=1"');
    expect(error('v2;crash=0x2,q')).toBe('malformed schedule "v2;crash=0x2,q": choice 2 "q" is not N or NxCOUNT (N and COUNT decimal, no leading zeros)');
    expect(error('v1')).toBe('malformed schedule "v1": the choices are missing after "v1;"');
    expect(error('v1;0x3,y')).toBe('malformed schedule "v1;0x3,y": choice 2 "y" is not N or NxCOUNT (N and COUNT decimal, no leading zeros)');
    expect(error('v1;01')).toContain('choice 1 "01" is not N or NxCOUNT');
    expect(error('v1;1x0')).toContain('choice 1 "1x0" is not N or NxCOUNT');
    expect(error('v1;seed=3;1')).toBe('malformed schedule "v1;seed=3;1": unknown option "seed=3" (the only option is cancel=TASK)');
    expect(error('v1;0x99999999999')).toBe('malformed schedule "v1;0x99999999999": it has more than 10000000 choices');
  });

  it('writes a run with choices of a simulated world in version 2, each stream by name, and reads it back', () => {
    const schedule = { choices: [0, 0, 1], cancel: '*', world: { net: [0, 0, 0, 2, 0], crash: [1] } };
    const line = formatSchedule(schedule);
    expect(line).toBe('v2;cancel=*;sched=0x2,1;net=0x3,2;crash=1');
    expect(parseSchedule(line)).toEqual({ choices: [0, 0, 1], cancel: '*', world: { net: [0, 0, 0, 2], crash: [1] } });
    expect(parseSchedule('v2;disk=3')).toEqual({ choices: [], cancel: null, world: { disk: [3] } });
    expect(parseSchedule('v2;')).toEqual({ choices: [], cancel: null, world: {} });
  });

  it('keeps version 1 for a run whose world made no choice other than 0, so v1 lines replay unchanged', () => {
    expect(formatSchedule({ choices: [0, 1], cancel: null, world: { net: [0, 0], buggify: [] } })).toBe('v1;0,1');
    expect(formatSchedule({ choices: [], cancel: null, world: {} })).toBe('v1;');
    expect(parseSchedule('v1;0,1')).toEqual({ choices: [0, 1], cancel: null });
  });
});
