"""CPython reference runner for simloop scenarios (format simloop-scenario/1).

run_scenario(text) runs a scenario on stock asyncio with a virtual clock and
returns its trace as docs/scenario-format.md renders it. simloop is
compared line for line against it, so all behaviour comes from asyncio's own
code; we replace only what the format pins: the clock, the order of equal
timers, and the order in which sets of tasks are cancelled.
"""
import asyncio
import collections
import heapq
import itertools
import json
from asyncio import base_events, events


class Deadlock(BaseException):
    """select(None): nothing ready, no timer pending, the run unfinished. Not an
    Exception, so no code on the way out takes it for an application error."""


class AppError(Exception):
    """An application error raised by ["raise", name]; rendered as its name."""
    name = property(lambda self: self.args[0])


# What a `return` op unwinds with: a value, not an exception no handler may catch.
Ret = collections.namedtuple('Ret', 'value')


class SeqTimerHandle(events.TimerHandle):
    """A timer ordered by (deadline, sequence): CPython's compares deadlines
    only, so equal ones leave its heap in heap order, not scheduling order."""
    __slots__ = ('_seq',)

    def __init__(self, seq, when, callback, args, loop, context):
        super().__init__(when, callback, args, loop, context)
        self._seq = seq

    __hash__ = object.__hash__
    __eq__ = lambda s, o: s is o
    __lt__ = lambda s, o: (s._when, s._seq) < (o._when, o._seq)  # heapq uses <
    __le__ = lambda s, o: (s._when, s._seq) <= (o._when, o._seq)
    __gt__ = lambda s, o: (s._when, s._seq) > (o._when, o._seq)
    __ge__ = lambda s, o: (s._when, s._seq) >= (o._when, o._seq)


class VirtualLoop(base_events.BaseEventLoop):
    """BaseEventLoop on an integer tick clock, and its own selector: these are
    the abstract parts that _run_once and call_soon_threadsafe touch."""

    def __init__(self, on_error):
        super().__init__()
        self.set_debug(False)  # debug mode would add checks and slow-callback logs
        self._now = 0
        # _run_once treats a timer as due when `when < time() + _clock_resolution`:
        # with integer ticks, 0.5 runs a timer due now and keeps one due at now+1.
        self._clock_resolution = 0.5
        self._selector = self  # see select()
        self._timer_seq = itertools.count()
        self.created = []  # every task, in creation order (the clean-up order)
        self.set_exception_handler(on_error)

    def time(self):
        return self._now

    def select(self, timeout):
        """The selector stand-in: move the clock on by `timeout` ticks instead
        of blocking. A timer beyond MAXIMUM_SELECT_TIMEOUT takes several calls;
        each timeout is the exact distance or the cap, so we land on it."""
        if timeout is None:  # a real selector would block forever
            raise Deadlock()
        if timeout != int(timeout):
            raise AssertionError(f'non-integer select timeout {timeout!r}')
        self._now += int(timeout)
        return []

    def _process_events(self, event_list):  # there is no I/O
        pass

    def _write_to_self(self):  # nothing ever blocks, so nothing needs waking
        pass

    def create_task(self, coro, **kwargs):
        task = super().create_task(coro, **kwargs)
        self.created.append(task)
        return task

    def call_at(self, when, callback, *args, context=None):
        # BaseEventLoop.call_at with a sequenced handle (minus debug checks).
        self._check_closed()
        timer = SeqTimerHandle(next(self._timer_seq), when, callback, args,
                               self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


class OrderedTaskSet(dict):
    """Replaces a TaskGroup's _tasks set, which TaskGroup._abort iterates to
    cancel the remaining children: in creation order here, as the format pins.
    TaskGroup uses only add, discard, iteration and truth."""

    def add(self, task):
        self[task] = None

    def discard(self, task):
        self.pop(task, None)

    def __iter__(self):
        return iter(list(self.keys()))


def js(value):
    """Compact JSON; ensure_ascii=False to agree with JavaScript's JSON.stringify."""
    return json.dumps(value, separators=(',', ':'), ensure_ascii=False)


def render(e):
    if isinstance(e, asyncio.CancelledError):
        msg = e.args[0] if e.args else None  # rendered only if non-empty
        return f'CancelledError({msg})' if msg else 'CancelledError'
    if isinstance(e, BaseExceptionGroup):  # BaseExceptionGroup renders the same
        return 'ExceptionGroup[' + ','.join(map(render, e.exceptions)) + ']'
    # TimeoutError, BrokenBarrierError and the rest by their class's name.
    return e.name if isinstance(e, AppError) else type(e).__name__


def status(t):
    if not t.done():
        return 'pending'
    if t.cancelled():
        return 'cancelled'
    e = t.exception()
    return f'error {render(e)}' if e is not None else f'result {js(t.result())}'


RESERVED_PATTERNS = {
    '*': BaseException,  # anything at all
    'Exception': Exception,  # anything but CancelledError (a BaseException)
    'CancelledError': asyncio.CancelledError,
    'TimeoutError': TimeoutError,
    'ExceptionGroup': BaseExceptionGroup,  # whatever renders ExceptionGroup[...]
    'BrokenBarrierError': asyncio.BrokenBarrierError,
}


def matches(pattern, e):
    if pattern in RESERVED_PATTERNS:
        return isinstance(e, RESERVED_PATTERNS[pattern])
    return render(e) == pattern


def make_error(name):
    real = {'CancelledError': asyncio.CancelledError, 'TimeoutError': TimeoutError,
            'BrokenBarrierError': asyncio.BrokenBarrierError}
    return real[name]() if name in real else AppError(name)


RESOURCES = {
    'event': lambda s: asyncio.Event(), 'lock': lambda s: asyncio.Lock(),
    'condition': lambda s: asyncio.Condition(),  # owns its own Lock
    'semaphore': lambda s: asyncio.Semaphore(s.get('value', 1)),
    'bounded_semaphore': lambda s: asyncio.BoundedSemaphore(s.get('value', 1)),
    'barrier': lambda s: asyncio.Barrier(s['parties']),
    'queue': lambda s: asyncio.Queue(s.get('maxsize', 0)),
    'priority_queue': lambda s: asyncio.PriorityQueue(s.get('maxsize', 0)),
    'lifo_queue': lambda s: asyncio.LifoQueue(s.get('maxsize', 0)),
}


class Run:
    """One run of one scenario: its loop, vars, resources and trace."""

    def __init__(self, scenario):
        if scenario.get('format') != 'simloop-scenario/1':
            raise ValueError(f"unknown format {scenario.get('format')!r}")
        self.defs, self.main = scenario['defs'], scenario['main']
        self.loop = VirtualLoop(self.on_error)
        self.res = {name: RESOURCES[spec['kind']](spec)
                    for name, spec in scenario.get('resources', {}).items()}
        self.vars = {}  # global to the run
        # Per task, the errors its handlers and error-entered finally blocks
        # are handling, innermost last: what `reraise` re-raises (see op).
        self.handling = collections.defaultdict(list)
        self.lines = []
        self.live = True  # False once the trace is complete: emit nothing more
        self.internal_errors = []

    def on_error(self, loop, context):
        # Silences asyncio's reports about tasks and futures ("Task exception
        # was never retrieved"...). An exception escaping a callback is a bug.
        if 'task' not in context and 'future' not in context:
            self.internal_errors.append(context)

    def emit(self, event):
        if self.live:
            name = asyncio.current_task(self.loop).get_name()
            self.lines.append(f'{self.loop.time()} {name} {event}')

    def task(self, var):  # a var used before its spawn ran: UnboundVar
        if var not in self.vars:
            raise AppError('UnboundVar')
        return self.vars[var]

    def go(self):
        """asyncio.run(main) spelled out: it stops at a deadlock, pins orders."""
        loop = self.loop
        try:
            main = loop.create_task(self.body(self.main), name='main')
            try:
                outcome = 'return ' + js(loop.run_until_complete(main))
            except Deadlock:
                raise  # no clean-up
            except BaseException as e:
                outcome = 'raise ' + render(e)
            # Runner.close(): runners._cancel_all_tasks over all_tasks() (a set
            # in CPython, creation order here), then the two shutdown steps,
            # whose loop iterations may still run stray tasks.
            if pending := [t for t in loop.created if not t.done()]:
                for t in pending:
                    t.cancel()
                loop.run_until_complete(
                    asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
            self.lines.append(f'{loop.time()} - run -> {outcome}')
        except Deadlock:
            self.lines.append(f'{loop.time()} - run -> deadlock')
        finally:
            self.live = False
            self.dispose()
        if self.internal_errors:
            raise RuntimeError(f'reference run failed: {self.internal_errors}')
        return '\n'.join(self.lines)

    def dispose(self):
        """A deadlock leaves tasks pending: close their coroutines now, emit off,
        not in a later GC that could run their finally blocks in another run."""
        for t in [t for t in self.loop.created if not t.done()]:
            t._log_destroy_pending = False
            coro = t.get_coro()
            for _ in range(100):  # TaskGroup.__aexit__ awaits on GeneratorExit
                try:
                    coro.close()
                except BaseException:  # it may raise on its way out: ignore
                    pass
                if coro.cr_frame is None:  # finished
                    break
        self.loop.close()

    async def body(self, name):
        """A def's body as its task's coroutine, between `start` and `exit ...`."""
        self.emit('start')
        try:
            r = await self.block(self.defs[name], ())
        except BaseException as e:
            self.emit(f'exit raise {render(e)}')
            raise
        value = r.value if r is not None else None
        self.emit(f'exit return {js(value)}')
        return value

    async def block(self, ops, g):
        """Runs ops in order; returns a Ret if a `return` op ran, else None.
        `g` is the lexical stack of TaskGroups enclosing these ops in this task."""
        for op in ops:
            if (r := await self.op(op, g)) is not None:
                return r
        return None

    async def op(self, op, g):
        """One op, as the asyncio code in the format's table."""
        res, cur = self.res, asyncio.current_task
        match op:
            case ['log', text]: self.emit(f'log {text}')
            case ['sleep', n]: await asyncio.sleep(n)
            case ['spawn', var, name]:
                spawn = g[-1].create_task if g else asyncio.create_task
                self.vars[var] = spawn(self.body(name), name=var)
                self.emit(f'spawn {var}')
            case ['await', var]: self.emit(f'await {var} -> {js(await self.task(var))}')
            case ['cancel', target, *msg]:
                t = cur() if target == 'self' else self.task(target)
                self.emit(f'cancel {target} -> {str(t.cancel(*msg)).lower()}')
            case ['uncancel']: self.emit(f'uncancel -> {cur().uncancel()}')
            case ['cancelling']: self.emit(f'cancelling -> {cur().cancelling()}')
            case ['status', var]: self.emit(f'status {var} -> {status(self.task(var))}')
            case ['return', v]: return Ret(v)
            case ['raise', name]: raise make_error(name)
            case ['reraise']:
                # The format's explicit stack, never Python's bare `raise` here:
                # one coroutine below the except clause, that sees no active
                # exception after a throw() resumption (_gen_throw links only
                # the resumed frame's exception state).
                if not (handling := self.handling[cur()]):
                    raise RuntimeError('No active exception to reraise')
                raise handling[-1]
            case ['try', body, handlers, *fin]:
                return await self.op_try(g, body, handlers, fin)
            case ['repeat', n, body]:
                for _ in range(n):
                    if (r := await self.block(body, g)) is not None:
                        return r
            case ['shield', var]:
                v = await asyncio.shield(self.task(var))
                self.emit(f'shield {var} -> {js(v)}')
            case ['wait_for', var, n]:
                v = await asyncio.wait_for(self.task(var), n)
                self.emit(f'wait_for {var} -> {js(v)}')
            case ['timeout', n, body]:
                async with asyncio.timeout(n):
                    return await self.block(body, g)
            case ['group', body]:
                tg = asyncio.TaskGroup()
                tg._tasks = OrderedTaskSet()
                async with tg:
                    return await self.block(body, g + (tg,))
            case ['gather', names, return_exceptions]:
                items = await asyncio.gather(*map(self.task, names),
                                             return_exceptions=return_exceptions)
                shown = [f'error {render(i)}' if isinstance(i, BaseException)
                         else js(i) for i in items]
                self.emit(f"gather -> [{','.join(shown)}]")
            case ['wait', names, mode, n]:  # asyncio's modes are these very strings
                done, pending = await asyncio.wait(list(map(self.task, names)),
                                                   timeout=n, return_when=mode)
                d, p = (sorted(t.get_name() for t in ts) for ts in (done, pending))
                self.emit(f"wait -> done [{','.join(d)}] pending [{','.join(p)}]")
            case ['event_set', e]: res[e].set()
            case ['event_clear', e]: res[e].clear()
            case ['event_wait', e]:
                await res[e].wait()
                self.emit(f'event_wait {e}')
            case ['with', r, body]:
                held = False  # emit `released` after __aexit__, on any way out
                try:
                    async with res[r]:
                        held = True
                        self.emit(f'acquired {r}')
                        return await self.block(body, g)
                finally:
                    if held:
                        self.emit(f'released {r}')
            case ['cond_wait', c]:
                await res[c].wait()
                self.emit(f'cond_wait {c}')
            case ['cond_notify', c, n]: res[c].notify(n)
            case ['cond_notify_all', c]: res[c].notify_all()
            case ['put', q, v]:
                await res[q].put(v)
                self.emit(f'put {q} {js(v)}')
            case ['get', q]: self.emit(f'get {q} -> {js(await res[q].get())}')
            case ['task_done', q]: res[q].task_done()
            case ['queue_join', q]:
                await res[q].join()
                self.emit(f'queue_join {q}')
            case ['barrier_wait', b]:
                self.emit(f'barrier_wait {b} -> {await res[b].wait()}')
            case _:  # not in the format: recorded, so go() raises even if caught
                self.internal_errors.append(f'op not understood: {op!r}')
                raise AssertionError(self.internal_errors[-1])
        return None

    async def op_try(self, g, body, handlers, fin):
        if not fin:
            return await self.try_except(g, body, handlers)
        # `finally` spelled out, so that a `return` op in it swallows the error
        # as Python's return-in-finally does (3.14 warns on writing one). In the
        # except branch the error is being handled, as in a real finally.
        try:
            r = await self.try_except(g, body, handlers)
        except BaseException as e:
            if not self.live:  # closed by dispose(): run no more ops
                raise
            self.emit('finally')
            if (f := await self.handle(e, fin[0], g)) is not None:
                return f
            raise
        self.emit('finally')
        f = await self.block(fin[0], g)
        return r if f is None else f

    async def try_except(self, g, body, handlers):
        try:
            return await self.block(body, g)
        except BaseException as e:
            ops = next((ops for pat, ops in handlers if matches(pat, e)), None)
            if ops is None or not self.live:
                raise  # as an unmatched `except` clause: the error goes on
            self.emit(f'caught {render(e)}')
            return await self.handle(e, ops, g)

    async def handle(self, e, ops, g):
        """Runs a handler's (or an error-entered finally's) ops with `e` on top
        of this task's stack of handled errors, popped however they end."""
        handling = self.handling[asyncio.current_task()]
        handling.append(e)
        try:
            return await self.block(ops, g)
        finally:
            handling.pop()


def run_scenario(text):
    """Runs one scenario (JSON text); returns its trace lines joined by "\\n"."""
    # JSON has one number type: read 5.0 or 1e3 as the integer JavaScript sees.
    whole = lambda s: int(float(s)) if float(s).is_integer() else float(s)
    run = Run(json.loads(text, parse_float=whole))
    # pyodide's own WebLoop counts as running, and BaseEventLoop refuses to run
    # inside a running loop: step out of it for the run, and back in after.
    previous = events._get_running_loop()
    events._set_running_loop(None)
    try:
        return run.go()
    finally:
        events._set_running_loop(previous)
