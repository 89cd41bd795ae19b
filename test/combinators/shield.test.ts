import { describe, expect, it } from 'vitest';
import { CancelledError, Future, run, sleep } from '../../src/index.js';
import { shield } from '../../src/combinators/index.js';
import { expectCPython, js, status, traceOf } from './trace.js';
import { renderError } from '../../src/scenario/render.js';

describe('shield', () => {
  it('cancelling the awaiter cancels only the outer future: the shielded task runs on', async () => {
    const expected = [
      '0 main start',
      '0 main spawn inner',
      '0 main spawn w',
      '0 inner start',
      '0 w start',
      '10 main cancel w -> true',
      '10 w caught CancelledError(stop)',
      '10 w exit raise CancelledError(stop)',
      '10 main caught CancelledError(stop)',
      '10 main status inner -> pending',
      '100 inner log done',
      '100 inner exit return "x"',
      '100 main await inner -> "x"',
      '100 main exit return null',
      '100 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const inner = t.spawn('inner', function* () {
        yield* sleep(100);
        t.emit('log done');
        return 'x';
      });
      const w = t.spawn('w', function* () {
        try {
          t.emit(`shield inner -> ${js(yield* shield(inner))}`);
        } catch (error) {
          t.emit(`caught ${renderError(error)}`);
          throw error;
        }
      });
      yield* sleep(10);
      t.cancel('w', w, 'stop');
      try {
        yield* w;
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
      t.emit(`status inner -> ${status(inner)}`);
      t.emit(`await inner -> ${js(yield* inner)}`);
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            ['spawn', 'inner', 'inner'],
            ['spawn', 'w', 'w'],
            ['sleep', 10],
            ['cancel', 'w', 'stop'],
            ['try', [['await', 'w']], [['CancelledError', []]]],
            ['status', 'inner'],
            ['await', 'inner'],
          ],
          inner: [['sleep', 100], ['log', 'done'], ['return', 'x']],
          w: [['try', [['shield', 'inner']], [['CancelledError', [['reraise']]]]]],
        },
      },
      expected,
    );
  });

  it('cancelling the shielded task cancels the outer future, without the message', async () => {
    const expected = [
      '0 main start',
      '0 main spawn inner',
      '0 main spawn w',
      '0 inner start',
      '0 w start',
      '10 main cancel inner -> true',
      '10 inner exit raise CancelledError(stop)',
      '10 w caught CancelledError',
      '10 w exit raise CancelledError',
      '10 main caught CancelledError',
      '10 main exit return null',
      '10 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const inner = t.spawn('inner', function* () {
        yield* sleep(100);
      });
      const w = t.spawn('w', function* () {
        try {
          yield* shield(inner);
        } catch (error) {
          t.emit(`caught ${renderError(error)}`);
          throw error;
        }
      });
      yield* sleep(10);
      t.cancel('inner', inner, 'stop');
      try {
        yield* w;
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            ['spawn', 'inner', 'inner'],
            ['spawn', 'w', 'w'],
            ['sleep', 10],
            ['cancel', 'inner', 'stop'],
            ['try', [['await', 'w']], [['CancelledError', []]]],
          ],
          inner: [['sleep', 100]],
          w: [['try', [['shield', 'inner']], [['CancelledError', [['reraise']]]]]],
        },
      },
      expected,
    );
  });

  it('passes on the result or the error of the shielded future', () => {
    const outcome = run(
      (function* () {
        const ok = new Future<number>();
        const bad = new Future<number>();
        const okShield = shield(ok);
        const badShield = shield(bad);
        ok.setResult(1);
        bad.setException(new RangeError('bad'));
        const value = yield* okShield;
        try {
          yield* badShield;
        } catch (error) {
          return [value, (error as Error).message, bad.hasUnretrievedError()];
        }
        return [];
      })(),
    );
    expect(outcome).toEqual([1, 'bad', false]);
  });

  it('returns a future that is already done as it is', () => {
    run(
      (function* () {
        const done = new Future<number>();
        done.setResult(3);
        expect(shield(done)).toBe(done);
        expect(yield* shield(done)).toBe(3);
      })(),
    );
  });

  it('leaves an error of the shielded future unretrieved once nobody waits for it', () => {
    const inner = run(
      (function* () {
        const inner = new Future<number>();
        const outer = shield(inner);
        outer.cancel();
        yield* sleep(0);
        inner.setException(new Error('lost'));
        yield* sleep(0);
        return inner;
      })(),
    );
    expect(inner.hasUnretrievedError()).toBe(true);
  });

  it('the CancelledError of a shielded future cancelled by its awaiter carries the awaiter message', () => {
    const error = run(
      (function* () {
        const inner = new Future<number>();
        const outer = shield(inner);
        outer.cancel('why');
        try {
          yield* outer;
        } catch (caught) {
          return caught;
        }
      })(),
    );
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).message).toBe('why');
  });
});
