// What the loop's error reports say, word for word: the default handler's
// text, the names of callbacks and handles, and the limits of what strict mode
// and the unretrieved list keep.
import { describe, expect, it } from 'vitest';
import {
  CallbackError,
  Future,
  Loop,
  createTask,
  formatExceptionContext,
  getRunningLoop,
  run,
  sleep,
  type ExceptionContext,
} from '../../src/index.js';
import { describeCall } from '../../src/loop/handle.js';

describe('formatExceptionContext', () => {
  it('puts the message first, then the other fields in sorted order, then the exception', () => {
    const error = new RangeError('lost');
    error.stack = 'RangeError: lost\n    at here';
    const text = formatExceptionContext({ message: 'a reply was lost', future: new Future({ loop: new Loop(), description: 'reply' }), exception: error, callback: function onReply() {} });
    expect(text).toBe('a reply was lost\ncallback: function onReply\nfuture: reply\nRangeError: lost\n    at here');
  });

  it('names an empty message as asyncio does, shows a thrown non-error short, and leaves out an absent exception', () => {
    expect(formatExceptionContext({ message: '', exception: 'x'.repeat(500) })).toBe(`Unhandled exception in event loop\n"${'x'.repeat(196)}...`);
    expect(formatExceptionContext({ message: 'just this' })).toBe('just this');
    expect(formatExceptionContext({ message: 'undefined thrown', exception: undefined })).toBe('undefined thrown\nundefined');
  });

  it('shows an error without a stack by its name and message, and cuts a huge stack', () => {
    const bare = new TypeError('no stack');
    bare.stack = '';
    expect(formatExceptionContext({ message: 'm', exception: bare })).toBe('m\nTypeError: no stack');
    const huge = new Error('big');
    huge.stack = `Error: big\n${'    at frame\n'.repeat(1000)}`;
    const text = formatExceptionContext({ message: 'm', exception: huge });
    expect([text.length, text.endsWith('...')]).toEqual([4002, true]);
  });

  it('names the context a failing handler was given by its message', () => {
    expect(formatExceptionContext({ message: 'Unhandled error in exception handler', context: { message: 'first' } })).toBe(
      'Unhandled error in exception handler\ncontext: "first"',
    );
  });
});

describe('how callbacks and handles are named', () => {
  it('a call shows its arguments short, at most eight, and an anonymous callback as <anonymous>', () => {
    expect(describeCall(function tick() {}, [1, 'a', null])).toBe('tick(1, "a", null)');
    expect(describeCall(() => undefined, [])).toBe('<anonymous>()');
    expect(describeCall(function many() {}, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe('many(1, 2, 3, 4, 5, 6, 7, 8, ...)');
    expect(describeCall(function long() {}, ['x'.repeat(100)])).toBe(`long("${'x'.repeat(36)}...)`);
  });

  it('a handle and a timer handle say what they call, when, and whether they were cancelled', () => {
    const loop = new Loop();
    const handle = loop.callSoon(function tick(n: number) {
      void n;
    }, 3);
    const timer = loop.callLater(250, function tock() {});
    expect([handle.toString(), timer.toString()]).toEqual(['<Handle tick(3)>', '<TimerHandle when=250 tock()>']);
    handle.cancel();
    timer.cancel();
    expect([handle.toString(), timer.toString()]).toEqual(['<Handle tick(3) cancelled>', '<TimerHandle when=250 tock() cancelled>']);
  });
});

describe('what strict runs and the default handler keep', () => {
  it('a strict run counts every callback error and keeps the first ten', () => {
    function* main() {
      for (let i = 0; i < 12; i++) {
        getRunningLoop().callSoon(function raises(n: number) {
          throw new Error(`number ${n}`);
        }, i);
      }
      yield* sleep(0);
    }
    let error: CallbackError | undefined;
    try {
      run(main(), { strict: true });
    } catch (thrown) {
      error = thrown as CallbackError;
    }
    expect([error?.count, error?.contexts.length, error?.contexts[9]?.message]).toEqual([12, 10, 'Exception in callback raises(9)']);
    expect(error?.message).toBe('12 callbacks raised during the run (strict): Exception in callback raises(0): Error: number 0 (and 11 more)');
  });

  it('callbackErrors() tells how many callbacks raised in a run that is not strict', () => {
    let loop: Loop | undefined;
    function* main() {
      loop = getRunningLoop();
      loop.callSoon(() => {
        throw new Error('one');
      });
      yield* sleep(0);
    }
    run(main(), { errorLog: () => {} });
    expect([loop?.callbackErrors().count, loop?.callbackErrors().first.map((context) => context.message)]).toEqual([1, ['Exception in callback <anonymous>()']]);
  });

  it('a thrown value that is not an Error still reads in the summary', () => {
    function* main() {
      getRunningLoop().callSoon(function throwsAString() {
        throw 'just a string';
      });
      yield* sleep(0);
    }
    expect(() => run(main(), { strict: true })).toThrow('a callback raised during the run (strict): Exception in callback throwsAString(): "just a string"');
  });

  it('an error log that throws loses the report, not the run', () => {
    function* main() {
      getRunningLoop().callSoon(() => {
        throw new Error('first');
      });
      yield* sleep(0);
      return 'still running';
    }
    expect(
      run(main(), {
        errorLog: () => {
          throw new Error('the log is broken');
        },
      }),
    ).toBe('still running');
  });

  it('a kernel callback queued without an argument is named by itself alone', () => {
    const contexts: ExceptionContext[] = [];
    function* main() {
      const loop = getRunningLoop();
      loop.setExceptionHandler((_loop, context) => contexts.push(context));
      loop.schedule(function bare() {
        throw new Error('bare');
      }, undefined);
      yield* sleep(0);
    }
    run(main());
    expect(contexts.map((context) => [context.message, Object.keys(context)])).toEqual([['Exception in callback bare()', ['message', 'exception', 'callback']]]);
  });
});

describe('the unretrieved errors a closing loop reports', () => {
  it('only those still unretrieved, however many errors the run made, in the order they were set', () => {
    const reports: string[] = [];
    function* failing(n: number): Generator<never, void> {
      throw new Error(`failure ${n}`);
    }
    function* main() {
      const tasks = Array.from({ length: 300 }, (_, n) => createTask(failing(n), { name: `t${n}` }));
      yield* sleep(0);
      // Retrieve all but every hundredth.
      tasks.forEach((task, n) => {
        if (n % 100 !== 7) task.exception();
      });
    }
    run(main(), { errorLog: (text) => reports.push(text.split('\n').slice(0, 2).join(' | ')) });
    expect(reports).toEqual([
      "Task exception was never retrieved | future: Task 't7'",
      "Task exception was never retrieved | future: Task 't107'",
      "Task exception was never retrieved | future: Task 't207'",
    ]);
  });

  it('name a subclass of Future by its class, as CPython does', () => {
    class Reply<T> extends Future<T> {}
    const reports: string[] = [];
    function* main() {
      new Reply<number>().setException(new Error('no reply'));
    }
    run(main(), { errorLog: (text) => reports.push(text.split('\n')[0]!) });
    expect(reports).toEqual(['Reply exception was never retrieved']);
  });

  it('nothing after a run that a spent step budget ended', () => {
    const reports: string[] = [];
    function* spin() {
      createTask(
        (function* (): Generator<never, void> {
          throw new Error('forgotten');
        })(),
      );
      for (;;) yield* sleep(0);
    }
    expect(() => run(spin(), { maxSteps: 200, errorLog: (text) => reports.push(text) })).toThrow('step budget of 200 callbacks exhausted');
    expect(reports).toEqual([]);
  });
});
