#!/usr/bin/env python3
"""Adversarial random C++20 coroutine programs for the differential suite (tests/diff).

    gen2.py --seed S --count N --out DIR     writes DIR/rand_sS_0000.cpp ... (N files)
    gen2.py --seed S --index I [--out DIR]   one program (to stdout without --out)

Program I of seed S depends on (S, I) only, so a failing program of a long run
is regenerated alone with --index. The programs are built with
`-std=c++20 -fwrapv`: the checksum arithmetic wraps.

gen.py writes broad programs (every scalar width, exceptions that escape,
self-checking blobs); this generator aims where frame packing and lowering go
wrong. Each program has three to six coroutines whose bodies are dense with
suspend points:

- runs of several suspends in a row, most of them inside loops (nested, with
  break and continue; constant trip counts and opaque ones), with
  loop-carried values and values made before a loop and used only inside it;
- arrays (long, int, short, char, double; some alignas(16/32/64)) re-created
  in every iteration, with suspends while they are in scope, and scratch
  arrays used between two suspends (in the frame all the same: they sit in a
  loop with suspends) while values that cross those suspends wait in theirs;
- char, short, float, double and bool locals cast from longs, live across
  suspends, some only on one side of an if/else that suspends on that side;
- loops that end in a fold through opaque() and go straight to a suspend, so
  that what the last iteration computed lives across it; a "motif" that
  stacks all of these (the shape of the first pack-mode miscompile found);
- awaiters whose await_suspend returns bool or a coroutine handle, with data
  deciding between suspending and resuming at once; awaiters that own a
  counted object across their suspend; co_yield; eager and lazy coroutines;
- small always_inline/inline helpers taking arrays and references, calling
  each other, inlined into the coroutine; sub-coroutines driven across
  suspends; a few try/catch, switch and early co_return.

Half of the coroutines are "plain": suspend_always only, constant trip counts,
every local folded into the checksum at the end of its scope, as in the
programs that an independent generator found the first miscompiles with.

"held" loops have the shape of the quiet-store miscompile (pack.c before
slot_free_from): values made before a loop (the arguments, an outer loop's
counter, char/short/float/double/long/bool locals) that the loop only reads,
each iteration after a run of two to four suspends that do not touch them
(some on one path only), next to values the loop computes after those reads
(accumulators of narrow types, a "last" assigned in every iteration, acc's
last value) that live only across a suspend after the loop, with arrays made
anew in every iteration, nested loops that break, early breaks and an
always_inline helper. The two kinds are never live at the same suspend, so
the packers may give them the same bytes. 40% of the coroutines are
"focused": one or two held loops and little else (the last one reads the
arguments, which are dead after it), so that few other values compete for
those bytes.

main() resumes each coroutine a random number of times (0..3, a few more, or
to the end) and then destroys it, so a destroy lands on arbitrary suspend
points; it prints one line per run (the published result, a hash of the
yielded values, the resume count) and a final checksum with the counters of
`tracked` objects, and exits 1 if an object leaked or was found corrupted.

The programs have no undefined behaviour under -fwrapv: array indices are
constants below the length, divisions only by positive constants, and a
float or double never holds a value whose conversion to long overflows (they
are made from `x % 1000003` and updated as `v * 0.5 + (x % 1000)`).
"""
import argparse
import os
import random
import sys

PRELUDE = r'''#include <coroutine>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <cstring>
#include <cstdint>

static int alive = 0, made = 0, bad = 0;
// A counted object with a canary: a use or a destructor that finds its bytes
// changed counts as bad.
struct tracked {
  long v, canary;
  explicit tracked(long x) : v(x), canary(~x) { ++alive; ++made; }
  tracked(const tracked &o) : v(o.get()), canary(~o.v) { ++alive; ++made; }
  tracked &operator=(const tracked &) = delete;
  ~tracked() { if (canary != ~v) ++bad; canary = 0; --alive; }
  long get() const { if (canary != ~v) ++bad; return v; }
  void set(long x) { v = x; canary = ~x; }
};
__attribute__((noinline)) long opaque(long x) { asm volatile("" : "+r"(x)); return x; }
// Inlined into the coroutines: folds a value into a running hash.
static inline __attribute__((always_inline)) long mixin(long a, long b) { return a * 31 + (b ^ (a >> 7)); }
#define FILL_SUM(T)                                                                              \
  __attribute__((noinline)) void fill(T *p, int n, long v) {                                     \
    for (int i = 0; i < n; ++i) p[i] = (T)(v + i * 7);                                           \
    asm volatile("" ::"r"(p) : "memory");                                                        \
  }                                                                                              \
  __attribute__((noinline)) long sum(const T *p, int n) {                                        \
    long s = 0;                                                                                  \
    for (int i = 0; i < n; ++i) s = s * 3 + (long)p[i];                                          \
    return s;                                                                                    \
  }
FILL_SUM(long)
FILL_SUM(int)
FILL_SUM(short)
FILL_SUM(unsigned char)
// Doubles stay within +-2e6, so (long)d is always defined.
__attribute__((noinline)) void fill(double *p, int n, long v) {
  for (int i = 0; i < n; ++i) p[i] = (double)(v % 1000003) + i * 0.5;
  asm volatile("" ::"r"(p) : "memory");
}
__attribute__((noinline)) long sum(const double *p, int n) {
  long s = 0;
  for (int i = 0; i < n; ++i) s = s * 3 + (long)(p[i] * 4.0);
  return s;
}

// Frames in 64-byte aligned blocks filled with a pattern: LLVM assumes the
// allocation is as aligned as the frame, and a byte no build wrote reads the
// same in every build.
static void *frame_new(std::size_t n) {
  void *p = std::aligned_alloc(64, (n + 63) / 64 * 64);
  if (!p) std::abort();
  std::memset(p, 0xA5, n);
  return p;
}
static void frame_delete(void *p, std::size_t n) {
  std::memset(p, 0x5A, n);
  std::free(p);
}
template <class Initial> struct task {
  struct promise_type {
    long last = 0;
    static void *operator new(std::size_t n) { return frame_new(n); }
    static void operator delete(void *p, std::size_t n) { frame_delete(p, n); }
    task get_return_object() { return task(std::coroutine_handle<promise_type>::from_promise(*this)); }
    Initial initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(long v) noexcept { last = v; return {}; }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
  explicit task(std::coroutine_handle<promise_type> x) : h(x) {}
  task(const task &) = delete;
  ~task() { if (h) h.destroy(); }
};
using manual = task<std::suspend_always>; // starts suspended
using eager = task<std::suspend_never>;   // runs to its first suspend in the ramp

// await_suspend returning bool: suspends only when v is odd.
struct maybe_aw {
  long v;
  bool await_ready() noexcept { return false; }
  bool await_suspend(std::coroutine_handle<>) noexcept { return (v & 1) != 0; }
  long await_resume() noexcept { return v * 3 + 1; }
};
// await_suspend returning a handle: straight back into the coroutine when v
// is odd, else a real suspend.
struct hop_aw {
  long v;
  bool await_ready() noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) noexcept {
    if (v & 1) return h;
    return std::noop_coroutine();
  }
  long await_resume() noexcept { return v ^ 0x55; }
};
// Ready (no suspend at all) when v % 4 == 0.
struct ready_aw {
  long v;
  bool await_ready() noexcept { return (v & 3) == 0; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  long await_resume() noexcept { return v + 11; }
};
// Owns a counted object across its suspend point.
struct held_aw {
  tracked t;
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  long await_resume() noexcept { return t.get() * 5; }
};
'''

INT_TYPES = ['char', 'signed char', 'unsigned char', 'short', 'unsigned short', 'int', 'unsigned', 'long',
             'unsigned long']
FLOAT_TYPES = ['float', 'double']
# Weighted toward the narrow and floating types that the packers place at odd offsets.
SCALAR_W = [('char', 5), ('signed char', 1), ('unsigned char', 2), ('short', 4), ('unsigned short', 1),
            ('int', 4), ('unsigned', 1), ('long', 5), ('unsigned long', 1), ('float', 5), ('double', 5),
            ('bool', 4)]
ARRAY_W = [('long', 10), ('int', 3), ('short', 2), ('unsigned char', 2), ('double', 3)]
ARRAY_LEN = [2, 3, 4, 5, 7, 8, 16, 17, 24, 32, 32, 64, 100]
REF_TYPES = ['long', 'long', 'int', 'short', 'char', 'float', 'double']


def wchoice(r, pairs):
    tot = sum(w for _, w in pairs)
    x = r.uniform(0, tot)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


class Var:
    def __init__(self, name, kind, ty, n=0, lvalue=True):
        self.name = name
        self.kind = kind  # 'scalar', 'array', 'tracked', 'index', 'sub'
        self.ty = ty
        self.n = n
        self.lvalue = lvalue


def conv_to(r, ty, e):
    """A conversion of the long expression e to ty, defined for every value."""
    if ty in FLOAT_TYPES:
        return '(%s)((%s) %% 1000003)' % (ty, e)
    if ty == 'bool':
        return '(((%s) & %d) != 0)' % (e, r.choice([1, 2, 4]))
    return '(%s)(%s)' % (ty, e)


class Helper:
    """A small inline function taking an array and/or a reference."""

    def __init__(self, r, name, earlier):
        self.name = name
        self.kind = r.choice(['arr_ref', 'arr_ref', 'arr', 'ref'])
        self.aty = wchoice(r, ARRAY_W) if self.kind != 'ref' else None
        self.rty = r.choice(REF_TYPES) if self.kind != 'arr' else None
        attr = r.choice(['static inline __attribute__((always_inline)) ', 'static inline __attribute__((always_inline)) ',
                         'static inline ', '__attribute__((noinline)) static '])
        params = []
        if self.aty:
            params += ['%s *a' % self.aty, 'int n']
        if self.rty:
            params.append('%s &x' % self.rty)
        params.append('long y')
        L = ['%slong %s(%s) {' % (attr, name, ', '.join(params))]
        L.append('  long s = y * %d + %d;' % (r.choice([3, 5, 7, 31]), r.randint(0, 99)))
        if self.aty:
            L.append('  for (int i = 0; i < n; ++i) {')
            L.append('    s = s * %d + (long)%s;' % (r.choice([3, 5, 17]),
                                                    '(a[i] * 2.0)' if self.aty == 'double' else 'a[i]'))
            if r.random() < 0.7:
                if self.aty == 'double':
                    upd = 'a[i] = a[i] * 0.5 + (double)(s % 100);'
                else:
                    upd = 'a[i] = (%s)(a[i] + s %% %d);' % (self.aty, r.randint(2, 50))
                L.append('    if ((s & %d) == 0) %s' % (r.choice([1, 3, 7]), upd))
            if r.random() < 0.3:
                L.append('    if ((s & 15) == %d) break;' % r.randint(0, 15))
            L.append('  }')
        if self.rty:
            if self.rty in FLOAT_TYPES:
                L.append('  s = s * 7 + (long)x;')
                L.append('  x = x * (%s)0.5 + (%s)(s %% 1000);' % (self.rty, self.rty))
            else:
                L.append('  s = s * 7 + (long)x;')
                L.append('  x = (%s)((long)x * %d + s);' % (self.rty, r.choice([3, 5, 9])))
        # Call an earlier helper whose parameters this one can pass on.
        for h in earlier:
            if r.random() < 0.5 and h.aty == self.aty and h.rty == self.rty:
                args = []
                if h.aty:
                    args += ['a', 'n']
                if h.rty:
                    args.append('x')
                args.append('s')
                L.append('  s = s ^ %s(%s);' % (h.name, ', '.join(args)))
                break
        L.append('  return s;')
        L.append('}')
        self.lines = L


class Coro:
    """Generates one coroutine."""

    def __init__(self, r, name, helpers, callees):
        self.r = r
        self.name = name
        self.helpers = helpers
        self.callees = callees
        self.n = 0
        self.budget = r.choice([8, 12, 16, 20, 25, 30, 40, 50])
        self.used = 0
        self.lines = []
        self.loops = 0
        # A plain coroutine keeps to the shapes that found the first bugs:
        # suspend_always only, constant trip counts, every local folded at the
        # end of its scope; the others use every kind of suspend and statement.
        self.plain = r.random() < 0.5
        self.kind = 'eager' if r.random() < 0.2 and not self.plain else 'manual'
        # Lower mode leaves frames aligned above 16 to pack mode: only some
        # coroutines get alignas(32/64) locals.
        self.aligns = ['', '', '', 'alignas(16) ']
        if r.random() < 0.35:
            self.aligns += ['alignas(32) ', 'alignas(64) ']
        self.extra = []  # (type, name) of parameters after seed and out
        for _ in range(0 if self.plain else r.choice([0, 0, 0, 1, 1, 2])):
            ty = r.choice(['char', 'short', 'int', 'float', 'double', 'bool', 'tracked'])
            self.extra.append((ty, 'p%d' % len(self.extra)))
        # A focused coroutine is little more than held() loops (the shape of
        # the quiet-store miscompile), so that few other values compete for
        # the frame bytes the held values and the loop's results could share.
        self.focused = r.random() < 0.4

    def fresh(self, p):
        self.n += 1
        return '%s%d' % (p, self.n)

    def emit(self, d, s):
        self.lines.append('  ' * d + s)

    # --- expressions: all long-valued --------------------------------------------------------
    def atom(self, env):
        r = self.r
        cands = [v for v in env if v.kind != 'sub']
        k = r.random()
        if not cands or k < 0.12:
            return r.choice(['(long)seed', 'acc', 'opaque(%d)' % r.randint(-99, 99)])
        v = r.choice(cands)
        if v.kind == 'array':
            k = r.random()
            if k < 0.5:
                return 'sum(%s, %d)' % (v.name, v.n)
            if v.ty == 'double':
                return '(long)(%s[%d] * 2.0)' % (v.name, r.randrange(v.n))
            return '(long)%s[%d]' % (v.name, r.randrange(v.n))
        if v.kind == 'tracked':
            return '%s.get()' % v.name
        return '(long)%s' % v.name

    def expr(self, env):
        r = self.r
        k = r.random()
        if k < 0.22:
            return 'opaque(%s)' % self.atom(env)
        if k < 0.45:
            return '(%s * %d + %d)' % (self.atom(env), r.randint(2, 9), r.randint(0, 99))
        if k < 0.68:
            return '(%s ^ (%s << %d))' % (self.atom(env), self.atom(env), r.randint(0, 5))
        if k < 0.82:
            return '(%s + %s)' % (self.atom(env), self.atom(env))
        if k < 0.9:
            return 'opaque(%d)' % r.randint(-50, 99)
        return self.atom(env)

    def cond(self, env):
        r = self.r
        k = r.random()
        if k < 0.5 or self.plain:
            return '(%s) %% %d != 0' % (self.expr(env), r.randint(2, 5))
        if k < 0.8:
            return '(opaque(%s) & %d) == 0' % (self.atom(env), r.choice([1, 2, 3]))
        bools = [v for v in env if v.ty == 'bool' and v.kind == 'scalar']
        if bools:
            return ('!' if r.random() < 0.5 else '') + r.choice(bools).name
        return '(%s & 1) == 0' % self.atom(env)

    # --- statements -------------------------------------------------------------------------
    def suspend(self, d, env):
        r = self.r
        k = r.random()
        if k < 0.5 or self.plain:
            self.emit(d, 'co_await std::suspend_always{};')
        elif k < 0.62:
            self.emit(d, 'co_yield %s;' % self.expr(env))
        elif k < 0.74:
            self.emit(d, 'acc = acc * 7 + co_await maybe_aw{opaque(%s)};' % self.atom(env))
        elif k < 0.86:
            self.emit(d, 'acc ^= co_await hop_aw{opaque(%s)};' % self.atom(env))
        elif k < 0.93:
            self.emit(d, 'acc += co_await ready_aw{%s};' % self.expr(env))
        else:
            self.emit(d, 'acc = acc * 3 + co_await held_aw{tracked(%s)};' % self.expr(env))

    def suspends(self, d, env):
        """One suspend, or a run of them."""
        n = self.r.choice([1, 1, 2, 2, 3, 4])
        for _ in range(n):
            self.suspend(d, env)

    def decl(self, d, env):
        r = self.r
        k = r.random()
        if k < 0.55:
            ty = wchoice(r, SCALAR_W)
            name = self.fresh('v')
            e = self.expr(env)
            self.emit(d, '%s %s = %s;' % (ty, name, conv_to(r, ty, e)))
            env.append(Var(name, 'scalar', ty))
        elif k < 0.85:
            ty = 'long' if self.plain and r.random() < 0.7 else wchoice(r, ARRAY_W)
            n = r.choice(ARRAY_LEN)
            name = self.fresh('arr')
            al = r.choice(self.aligns)
            self.emit(d, '%s%s %s[%d]; fill(%s, %d, %s);' % (al, ty, name, n, name, n, self.expr(env)))
            env.append(Var(name, 'array', ty, n))
        else:
            name = self.fresh('obj')
            self.emit(d, 'tracked %s(%s);' % (name, self.expr(env)))
            env.append(Var(name, 'tracked', 'tracked'))

    def fold(self, d, env):
        r = self.r
        if r.random() < 0.5:
            self.emit(d, 'acc = acc * 31 + %s;' % self.expr(env))
        else:
            self.emit(d, 'acc = acc * 17 + %s;' % self.atom(env))

    def update(self, d, env):
        r = self.r
        cands = [v for v in env if v.lvalue and v.kind in ('scalar', 'array', 'tracked')]
        if not cands:
            return self.fold(d, env)
        v = r.choice(cands)
        e = self.expr(env)
        if v.kind == 'tracked':
            self.emit(d, '%s.set(%s);' % (v.name, e))
        elif v.kind == 'array':
            i = r.randrange(v.n)
            if v.ty == 'double':
                self.emit(d, '%s[%d] = (double)((%s) %% 1000);' % (v.name, i, e))
            else:
                self.emit(d, '%s[%d] = (%s)(%s);' % (v.name, i, v.ty, e))
        elif v.ty in FLOAT_TYPES:
            self.emit(d, '%s = %s * (%s)0.5 + (%s)((%s) %% 1000);' % (v.name, v.name, v.ty, v.ty, e))
        elif v.ty == 'bool':
            self.emit(d, '%s = %s != (((%s) & 2) != 0);' % (v.name, v.name, e))
        else:
            self.emit(d, '%s = (%s)((long)%s * 3 + %s);' % (v.name, v.ty, v.name, e))

    def helper_call(self, d, env):
        r = self.r
        for h in r.sample(self.helpers, len(self.helpers)):
            args = []
            if h.aty:
                arrs = [v for v in env if v.kind == 'array' and v.ty == h.aty]
                if not arrs:
                    continue
                a = r.choice(arrs)
                off = r.randrange(a.n) if r.random() < 0.3 else 0
                args += ['%s + %d' % (a.name, off) if off else a.name, str(a.n - off)]
            if h.rty:
                refs = [v for v in env if v.kind == 'scalar' and v.ty == h.rty and v.lvalue]
                if h.rty == 'long' and r.random() < 0.3:
                    refs.append(Var('acc', 'scalar', 'long'))
                if not refs:
                    continue
                args.append(r.choice(refs).name)
            args.append(self.expr(env))
            # acc may be the reference argument: += reads it after the call.
            self.emit(d, 'acc += %s(%s);' % (h.name, ', '.join(args)))
            return
        self.fold(d, env)

    def loop(self, d, env, motif=False):
        """A loop with suspends. motif: the shape of the first pack-mode
        miscompile found (a loop whose body is a diamond, one side a scratch
        array and the other a loop of suspends, ending in a fold through
        opaque(); straight to a suspend after it; arrays live across it)."""
        r = self.r
        self.loops += 1
        carried = None
        if r.random() < 0.6:
            carried = self.fresh('c')
            cty = r.choice(['long', 'long', 'int', 'short', 'char', 'double', 'float'])
            self.emit(d, '%s %s = %s;' % (cty, carried, conv_to(r, cty, self.expr(env))))
            env.append(Var(carried, 'scalar', cty))
        # Values made before the loop and used only inside it: live at the
        # loop's suspends, dead at the ones after it.
        only = []
        if r.random() < 0.6:
            for _ in range(r.randint(1, 2)):
                ty = wchoice(r, SCALAR_W)
                v = self.fresh('u')
                self.emit(d, '%s %s = %s;' % (ty, v, conv_to(r, ty, self.expr(env))))
                only.append(Var(v, 'scalar', ty))
        i = self.fresh('i')
        # Constant trip counts up to 3 are unrolled at -O2, larger ones and
        # opaque ones stay loops around their suspends.
        bound = str(r.choice([1, 2, 3, 4, 4, 5, 6, 8]))
        if self.plain:
            bound = str(r.choice([2, 3, 3, 4, 4, 5]))
        elif r.random() < 0.3:
            bound = 'opaque(%s)' % r.choice([2, 3, 4, 5])
        k = 0 if self.plain else r.random()
        if k < 0.75:
            self.emit(d, 'for (int %s = 0; %s < %s; ++%s) {' % (i, i, bound, i))
            tail = None
        elif k < 0.9:
            self.emit(d, '{')
            self.emit(d + 1, 'int %s = 0;' % i)
            self.emit(d + 1, 'while (%s < %s) {' % (i, bound))
            d += 1
            tail = 'while'
        else:
            self.emit(d, '{')
            self.emit(d + 1, 'int %s = 0;' % i)
            self.emit(d + 1, 'do {')
            d += 1
            tail = 'do'
        inner = env + only + [Var(i, 'index', 'int', lvalue=False)]
        if tail:
            # The counter moves first so that continue cannot loop forever.
            self.emit(d + 1, '++%s;' % i)
        # The body: parts in a random order. Arrays and locals made anew in
        # every iteration with suspends while they live; a diamond (scratch
        # array on one side, suspends on the other); the carried value's
        # update; a final fold through opaque() that LLVM may sink past the
        # exit test, so that what it reads lives across the suspend after the
        # loop; break or continue.
        parts = []
        probs = (('decl', 0.5), ('suspends', 0.6), ('body', 0.6), ('diamond', 0.45), ('scratch', 0.3), ('exit', 0.3))
        if motif:
            probs = (('decl', 0.2), ('suspends', 0.2), ('diamond', 1), ('exit', 0.1))
        for part, p in probs:
            if r.random() < p:
                parts.append(part)
        if not any(p in parts for p in ('suspends', 'diamond', 'body')):
            parts.append('suspends')
        if carried:
            parts.append('carried')
        r.shuffle(parts)
        if r.random() < (0.8 if motif else 0.5):
            parts.append('opfold')
        for part in parts:
            if part == 'decl':
                self.decl(d + 1, inner)
            elif part == 'suspends':
                self.suspends(d + 1, inner)
            elif part == 'body':
                self.block_body(d + 1, inner, 0)
            elif part == 'diamond':
                self.diamond(d + 1, inner)
            elif part == 'scratch':
                self.scratch(d + 1, inner)
            elif part == 'exit':
                self.emit(d + 1, 'if (%s) %s;' % (self.cond(inner), r.choice(['break', 'continue'])))
            elif part == 'opfold':
                self.emit(d + 1, 'acc = acc * 31 + opaque(%s);' % r.choice([str(r.randint(-50, 50)), self.atom(inner)]))
            elif part == 'carried':
                ct = [v for v in env if v.name == carried][0].ty
                if ct in FLOAT_TYPES:
                    self.emit(d + 1, '%s = %s * (%s)0.5 + (%s)((long)%s + %s %% 1000);'
                              % (carried, carried, ct, ct, i, self.atom(inner)))
                else:
                    self.emit(d + 1, '%s = (%s)((long)%s * 3 + %s + %s);'
                              % (carried, ct, carried, i, self.atom(inner)))
        if r.random() < 0.3 and not motif:
            self.suspends(d + 1, inner)
        if tail == 'while':
            self.emit(d, '}')
            d -= 1
            self.emit(d, '}')
        elif tail == 'do':
            self.emit(d, '} while (%s < %s);' % (i, bound))
            d -= 1
            self.emit(d, '}')
        else:
            self.emit(d, '}')
        if motif or r.random() < 0.6:
            # Straight to a suspend: what the last iteration computed lives across it.
            self.suspends(d, env)
        if carried and r.random() < 0.7:
            self.emit(d, 'acc = acc * 17 + (long)%s;' % carried)
        self.loops -= 1

    HELD_TYPES = ['char', 'unsigned char', 'short', 'int', 'long', 'long', 'float', 'double', 'bool']

    def held(self, d, env, outer=None, args=False):
        """The shape of the quiet-store miscompile (pack.c before slot_free_from):
        values made before a loop (arguments with args, an outer loop's counter,
        locals of narrow types) that the loop only reads, each iteration after
        a run of suspends with nothing stored in between, and values the loop
        computes (an accumulator's last value, a "last" assigned in every
        iteration) that are live only across a suspend after the loop. The two
        kinds are never live at the same suspend, so they may share frame
        bytes, and a store of the second kind must not land in those bytes
        while the first kind still needs them on the way round the loop."""
        r = self.r
        self.loops += 1
        self.emit(d, '{')
        d += 1
        held = []
        if args:
            held += [v for v in env if v.kind == 'scalar' and r.random() < 0.7]
        if outer is not None:
            held.append(outer)
        for _ in range(r.choice([1, 1, 2, 2, 3]) if held else r.randint(1, 3)):
            ty = r.choice(self.HELD_TYPES)
            name = self.fresh('hv')
            self.emit(d, '%s %s = %s;' % (ty, name, conv_to(r, ty, self.expr(env))))
            held.append(Var(name, 'scalar', ty, lvalue=False))
        # Assigned in every iteration, read only after the loop; and narrow
        # accumulators the loop carries (their last values cross the suspend
        # after the loop).
        lasts = []
        for _ in range(r.choice([0, 1, 1, 2])):
            ty = r.choice(self.HELD_TYPES)
            name = self.fresh('last')
            self.emit(d, '%s %s = %s;' % (ty, name, conv_to(r, ty, 'opaque(%d)' % r.randint(-99, 99))))
            lasts.append(Var(name, 'scalar', ty))
        accs = []
        for _ in range(r.choice([0, 0, 1, 1, 2])):
            ty = r.choice(['char', 'short', 'unsigned short', 'int', 'float', 'double', 'long'])
            name = self.fresh('a')
            self.emit(d, '%s %s = %s;' % (ty, name, conv_to(r, ty, self.expr(env))))
            accs.append(Var(name, 'scalar', ty))
        i = self.fresh('i')
        ity = r.choice(['int', 'int', 'int', 'short', 'char', 'long', 'unsigned'])
        bound = r.choice(['2', '3', '3', '4', '4', '5', '6', '7'])
        if not self.plain and r.random() < 0.35:
            bound = 'opaque(%s)' % r.choice([2, 3, 4, 5])
        self.emit(d, 'for (%s %s = 0; %s < %s; ++%s) {' % (ity, i, i, bound, i))
        iv = Var(i, 'index', ity, lvalue=False)
        inner = env + held + [iv]
        # Up to the reads of the held values nothing touches them, so their
        # slots hold them across the whole run of suspends.
        quiet = [v for v in env if v not in held] + [iv]
        if r.random() < 0.15:
            self.emit(d + 1, 'if ((%s) %% %d == %d) break;' % (self.expr(quiet), r.randint(3, 7), r.randint(1, 2)))
        # The run of suspends; some only on some paths.
        for _ in range(r.choice([2, 2, 3, 3, 4])):
            if r.random() < 0.2:
                self.emit(d + 1, 'if ((%s & %d) == 0) {' % (i, r.choice([1, 2, 3])))
                self.suspend(d + 2, quiet)
                self.emit(d + 1, '}')
            elif r.random() < 0.1 and not self.plain:
                self.emit(d + 1, 'if (%s) {' % self.cond(quiet))
                self.suspend(d + 2, quiet)
                self.emit(d + 1, '} else {')
                self.fold(d + 2, quiet)
                self.emit(d + 1, '}')
            else:
                self.suspend(d + 1, quiet)
        nested = r.random() < 0.3
        if nested and r.random() < 0.7:
            self.held_nested(d + 1, inner, held)
            nested = False
        # An array made anew in every iteration, maybe with suspends while it lives.
        if r.random() < 0.45:
            ty = wchoice(r, ARRAY_W)
            n = r.choice(ARRAY_LEN)
            arr = self.fresh('arr')
            self.emit(d + 1, '{')
            self.emit(d + 2, '%s%s %s[%d]; fill(%s, %d, %s);' % (r.choice(self.aligns), ty, arr, n, arr, n,
                                                                 self.expr(inner)))
            ainner = inner + [Var(arr, 'array', ty, n)]
            if r.random() < 0.5:
                self.suspends(d + 2, ainner)
            if self.helpers and r.random() < 0.5:
                self.helper_call(d + 2, ainner)
            self.emit(d + 2, 'acc = acc * 31 + sum(%s, %d);' % (arr, n))
            self.emit(d + 1, '}')
        # The reads of the held values, after the suspends.
        uses = [v for v in held if r.random() < 0.8] or [r.choice(held)]
        for v in uses:
            k = r.random()
            if k < 0.4:
                self.emit(d + 1, 'acc = acc * 31 + (long)%s + %s;' % (v.name, i))
            elif k < 0.7:
                self.emit(d + 1, 'acc = mixin(acc, (long)%s ^ ((long)%s << %d));' % (v.name, i, r.randint(0, 5)))
            else:
                self.emit(d + 1, 'acc = acc * 17 + %s;' % self.expr([v, iv]))
        # The values the loop computes, defined after those reads.
        for v in accs:
            if v.ty in FLOAT_TYPES:
                self.emit(d + 1, '%s = %s * (%s)0.5 + (%s)(%s %% 1000);' % (v.name, v.name, v.ty, v.ty,
                                                                         self.expr(inner)))
            else:
                self.emit(d + 1, '%s = (%s)((long)%s * 3 + %s);' % (v.name, v.ty, v.name, self.expr(inner)))
        for v in lasts:
            self.emit(d + 1, '%s = %s;' % (v.name, conv_to(r, v.ty, self.expr(inner))))
        if nested:
            self.held_nested(d + 1, inner, held)
        if r.random() < 0.25:
            self.emit(d + 1, 'if ((%s) %% %d == 0) break;' % (self.expr(inner), r.randint(3, 7)))
        self.emit(d, '}')
        # After the loop: the held values are dead; the loop's results live
        # across this suspend only. Its awaiters read acc alone.
        for _ in range(r.choice([1, 1, 2])):
            k = r.random()
            if k < 0.55 or self.plain:
                self.emit(d, 'co_await std::suspend_always{};')
            elif k < 0.7:
                self.emit(d, 'co_yield acc;')
            elif k < 0.85:
                self.emit(d, 'acc = acc * 7 + co_await maybe_aw{opaque(acc)};')
            else:
                self.emit(d, 'acc ^= co_await hop_aw{opaque(acc)};')
        for v in lasts + accs:
            self.emit(d, 'acc = acc * 17 + (long)%s;' % v.name)
        d -= 1
        self.emit(d, '}')
        self.loops -= 1

    def held_nested(self, d, inner, held):
        """A loop in held()'s loop that suspends and may break out."""
        r = self.r
        j = self.fresh('j')
        self.emit(d, 'for (int %s = 0; %s < %d; ++%s) {' % (j, j, r.randint(2, 4), j))
        jv = Var(j, 'index', 'int', lvalue=False)
        self.suspend(d + 1, [v for v in inner if v not in held] + [jv])
        self.emit(d + 1, 'if ((%s) %% %d == 0) break;' % (self.expr(inner + [jv]), r.randint(2, 4)))
        self.emit(d + 1, 'acc = acc * 17 + (long)%s;' % r.choice(held).name)
        self.emit(d, '}')

    def scratch(self, d, env):
        """A scope with an array and scalars but no suspend: in a loop, its
        frame slot (if any) is written between suspends where other values live."""
        r = self.r
        inner = list(env)
        self.emit(d, '{')
        ty = wchoice(r, ARRAY_W)
        n = r.choice(ARRAY_LEN)
        name = self.fresh('arr')
        self.emit(d + 1, '%s%s %s[%d]; fill(%s, %d, %s);' % (r.choice(self.aligns), ty, name, n, name, n,
                                                             self.expr(env)))
        inner.append(Var(name, 'array', ty, n))
        start = len(inner)
        for _ in range(r.randint(1, 4)):
            k = r.random()
            if k < 0.4 or (self.plain and k < 0.6):
                vty = wchoice(r, SCALAR_W)
                v = self.fresh('v')
                self.emit(d + 1, '%s %s = %s;' % (vty, v, conv_to(r, vty, self.expr(inner))))
                inner.append(Var(v, 'scalar', vty))
            elif k < 0.7:
                self.emit(d + 1, 'acc = acc * 31 + %s;' % self.expr(inner))
            elif k < 0.85:
                self.update(d + 1, inner)
            else:
                self.helper_call(d + 1, inner)
        self.emit(d + 1, 'acc = acc * 17 + sum(%s, %d);' % (name, n))
        for v in inner[start:]:
            self.emit(d + 1, 'acc = acc * 17 + (long)%s;' % v.name)
        self.emit(d, '}')

    def diamond(self, d, env):
        """if/else in a loop: one side uses a scratch array and never
        suspends, the other suspends (often in a loop of its own) while values
        from before the branch stay live."""
        r = self.r
        flip = r.random() < 0.5
        self.emit(d, 'if (%s) {' % self.cond(env))
        if flip:
            self.scratch(d + 1, env)
        else:
            self.suspending_side(d + 1, env)
        self.emit(d, '} else {')
        if flip:
            self.suspending_side(d + 1, env)
        else:
            self.scratch(d + 1, env)
        self.emit(d, '}')

    def suspending_side(self, d, env):
        r = self.r
        inner = list(env)
        if r.random() < 0.4:
            self.decl(d, inner)
        if r.random() < 0.5 and self.loops < 3:
            j = self.fresh('j')
            self.emit(d, 'for (int %s = 0; %s < %s; ++%s) {' % (j, j, r.choice(['2', '3', '4', 'opaque(3)']), j))
            self.suspends(d + 1, inner + [Var(j, 'index', 'int', lvalue=False)])
            if r.random() < 0.5:
                self.fold(d + 1, inner + [Var(j, 'index', 'int', lvalue=False)])
            self.emit(d, '}')
        else:
            self.suspends(d, inner)
        for _ in range(r.randint(1, 2)):
            self.fold(d, inner)

    def branch(self, d, env):
        r = self.r
        self.emit(d, 'if (%s) {' % self.cond(env))
        # One side suspends (usually): values live across it only on that path.
        side = r.random()
        self.block(d + 1, env, suspend_first=side < 0.45)
        if r.random() < 0.7:
            self.emit(d, '} else {')
            self.block(d + 1, env, suspend_first=0.45 <= side < 0.6)
        self.emit(d, '}')

    def switch(self, d, env):
        r = self.r
        m = r.randint(2, 4)
        self.emit(d, 'switch ((unsigned long)(%s) %% %d) {' % (self.expr(env), m))
        for c in range(m):
            self.emit(d, 'case %d: {' % c if c < m - 1 else 'default: {')
            self.block(d + 1, env, suspend_first=r.random() < 0.4)
            self.emit(d, '}')
            if r.random() < 0.7 or c == m - 1:
                self.emit(d + 1, 'break;')
            else:
                self.emit(d + 1, '[[fallthrough]];')
        self.emit(d, '}')

    def sub(self, d, env):
        r = self.r
        c = r.choice(self.callees)
        s = self.fresh('sub')
        res = self.fresh('r')
        self.emit(d, '{')
        self.emit(d + 1, 'long %s = 0;' % res)
        self.emit(d + 1, '%s %s = %s;' % (c.kind, s, c.call(self.expr(env), '&' + res, r)))
        self.emit(d + 1, 'for (int j = 0; j < %d && !%s.h.done(); ++j) {' % (r.randint(1, 5), s))
        self.emit(d + 2, '%s.h.resume();' % s)
        self.emit(d + 2, 'acc = acc * 3 + %s.h.promise().last;' % s)
        self.suspend(d + 2, env)
        self.emit(d + 1, '}')
        self.emit(d + 1, 'acc = acc * 31 + %s;' % res)
        self.emit(d, '}')

    def trycatch(self, d, env):
        r = self.r
        self.emit(d, 'try {')
        self.block(d + 1, env, suspend_first=r.random() < 0.5)
        self.emit(d + 1, 'if ((%s) %% %d == 0) throw (int)(acc & 255);' % (self.expr(env), r.randint(2, 5)))
        self.emit(d, '} catch (int e) {')
        self.emit(d + 1, 'acc = acc * 13 + e;')
        self.emit(d, '}')

    def stmt(self, d, env, depth):
        r = self.r
        self.used += 1
        deep = depth >= 4 or self.used > self.budget
        if self.plain:
            opts = [('decl', 25), ('fold', 15), ('update', 2), ('suspend', 16), ('scratch', 5)]
            if not deep:
                opts += [('loop', 12 if self.loops < 3 else 2), ('motif', 6 if self.loops < 2 else 0), ('if', 10),
                         ('block', 4), ('held', 8 if self.loops < 2 else 0)]
        else:
            opts = [('decl', 22), ('fold', 12), ('update', 7), ('suspend', 16), ('helper', 6 if self.helpers else 0),
                    ('publish', 3), ('scratch', 5)]
            if not deep:
                opts += [('loop', 12 if self.loops < 3 else 2), ('motif', 5 if self.loops < 2 else 0), ('if', 9),
                         ('block', 4), ('switch', 2),
                         ('sub', 3 if self.callees and self.loops == 0 else 0), ('try', 1.5), ('return', 1),
                         ('held', 7 if self.loops < 2 else 0)]
        what = wchoice(r, opts)
        if what == 'decl':
            self.decl(d, env)
        elif what == 'fold':
            self.fold(d, env)
        elif what == 'update':
            self.update(d, env)
        elif what == 'suspend':
            self.suspends(d, env)
        elif what == 'helper':
            self.helper_call(d, env)
        elif what == 'scratch':
            self.scratch(d, env)
        elif what == 'publish':
            self.emit(d, '*out = acc;')
        elif what == 'loop':
            self.loop(d, env)
        elif what == 'held':
            self.held(d, env)
        elif what == 'motif':
            for _ in range(r.randint(1, 2)):
                self.decl(d, env)
            self.loop(d, env, motif=True)
        elif what == 'if':
            self.branch(d, env)
        elif what == 'block':
            self.emit(d, '{')
            self.block(d + 1, env)
            self.emit(d, '}')
        elif what == 'switch':
            self.switch(d, env)
        elif what == 'sub':
            self.sub(d, env)
        elif what == 'try':
            self.trycatch(d, env)
        elif what == 'return':
            self.emit(d, 'if (%s) {' % self.cond(env))
            self.emit(d + 1, '*out = acc;')
            self.emit(d + 1, 'co_return;')
            self.emit(d, '}')

    def block_body(self, d, env, depth):
        """Statements appended to env's copy; the locals they declare are folded at the end."""
        start = len(env)
        count = self.r.randint(1, 4) if self.used > self.budget else self.r.randint(2, 6)
        for _ in range(count):
            self.stmt(d, env, depth + (d > 6))
        mine = env[start:]
        if not self.plain and self.r.random() < 0.5:
            mine = mine[-3:]
        for v in mine:
            if v.kind in ('scalar', 'array', 'tracked'):
                self.emit(d, 'acc = acc * 17 + %s;' % self.atom([v]))

    def block(self, d, env, suspend_first=False):
        inner = list(env)
        if suspend_first:
            if self.r.random() < 0.5:
                self.decl(d, inner)
            self.suspends(d, inner)
        self.block_body(d, inner, d // 2)

    def focus(self, env):
        """A body of held() loops: the last one reads the arguments (dead
        after it), some sit in an outer loop whose counter they read too."""
        r = self.r
        for _ in range(r.choice([0, 0, 1, 2])):
            self.decl(1, env)
        for v in env[len(self.extra) + 1:]:
            self.emit(1, 'acc = acc * 17 + %s;' % self.atom([v]))
        del env[len(self.extra) + 1:]
        n = r.choice([1, 1, 2])
        for k in range(n):
            last = k == n - 1
            if r.random() < 0.3:
                o = self.fresh('k')
                oty = r.choice(['int', 'short', 'char', 'long'])
                self.emit(1, 'for (%s %s = 0; %s < %d; ++%s) {' % (oty, o, o, r.randint(2, 3), o))
                self.loops += 1
                self.held(2, env, outer=Var(o, 'index', oty, lvalue=False), args=last and r.random() < 0.5)
                if r.random() < 0.4:
                    self.emit(2, 'if ((acc & %d) == 0) break;' % r.choice([1, 3]))
                self.loops -= 1
                self.emit(1, '}')
            else:
                self.held(1, env, args=last and r.random() < 0.6)

    def call(self, seed, out, r):
        args = [seed, out]
        for ty, _ in self.extra:
            if ty == 'tracked':
                args.append('tracked(%d)' % r.randint(-999, 999))
            elif ty in FLOAT_TYPES:
                args.append('(%s)%d.25' % (ty, r.randint(-999, 999)))
            elif ty == 'bool':
                args.append(r.choice(['true', 'false']))
            else:
                args.append('(%s)%d' % (ty, r.randint(-99, 999)))
        return '%s(%s)' % (self.name, ', '.join(args))

    def generate(self):
        r = self.r
        env = [Var('seed', 'scalar', 'long')]
        for ty, nm in self.extra:
            env.append(Var(nm, 'tracked' if ty == 'tracked' else 'scalar', ty))
        params = ['long seed', 'long *out'] + ['%s %s' % (ty, nm) for ty, nm in self.extra]
        attr = '__attribute__((noinline)) ' if r.random() < 0.85 else ''
        self.emit(0, '%s%s %s(%s) {' % (attr, self.kind, self.name, ', '.join(params)))
        self.emit(1, 'long acc = seed;')
        if self.focused:
            self.focus(env)
        else:
            while self.used < self.budget:
                self.block_body(1, env, 0)
        self.emit(1, 'co_await std::suspend_always{};')
        self.emit(1, '*out = acc;')
        self.emit(0, '}')
        return self.lines


def program(seed, index):
    r = random.Random('coropack-gen2:%d:%d' % (seed, index))
    out = ['// Generated by tests/diff/gen2.py --seed %d --index %d; regenerate it instead of editing.' % (seed, index),
           '// Build: clang++-22 -std=c++20 -fwrapv -w -O<n> [-fpass-plugin=...] (no UB under -fwrapv).', PRELUDE]
    helpers = []
    for k in range(r.choice([0, 1, 2, 3, 4])):
        h = Helper(r, 'h%d' % k, list(helpers))
        helpers.append(h)
        out.extend(h.lines)
    if helpers:
        out.append('')
    coros = []
    for k in range(r.randint(3, 6)):
        c = Coro(r, 'co%d' % k, helpers, list(coros))
        out.extend(c.generate())
        out.append('')
        coros.append(c)

    out.append('static unsigned long check = 0;')
    out.append('// Resumes a coroutine up to k times (stopping at its end), then destroys it.')
    out.append('template <class T> static void drive(const char *what, T t, long &r, int k) {')
    out.append('  unsigned long y = 0;')
    out.append('  int n = 0;')
    out.append('  for (; n < k && !t.h.done(); ++n) {')
    out.append('    t.h.resume();')
    out.append('    y = y * 31 + (unsigned long)t.h.promise().last;')
    out.append('  }')
    out.append('  std::printf("%s: n=%d y=%lu alive=%d bad=%d\\n", what, n, y, alive, bad);')
    out.append('  check = check * 1000003 + y;')
    out.append('}')
    out.append('')
    out.append('int main() {')
    for c in coros:
        for _ in range(r.randint(2, 4)):
            k = wchoice(r, [(0, 2), (1, 4), (2, 4), (3, 4), (r.randint(4, 12), 4), (1000, 5)])
            call = c.call(str(r.randint(0, 999999)), '&r', r)
            out.append('  { long r = 0; drive("%s k=%d", %s, r, %d); std::printf("  r=%%ld alive=%%d\\n", r, alive);'
                       ' check = check * 1000003 + (unsigned long)r; }' % (call.replace('"', ''), k, call, k))
    # Two coroutines alive at once, resumed in turn.
    if len(coros) >= 2 and r.random() < 0.6:
        a, b = r.sample(coros, 2)
        k = r.choice([2, 3, 5, 1000])
        out.append('  {')
        out.append('    long ra = 0, rb = 0;')
        out.append('    {')
        out.append('      %s ta = %s;' % (a.kind, a.call(str(r.randint(0, 999999)), '&ra', r)))
        out.append('      %s tb = %s;' % (b.kind, b.call(str(r.randint(0, 999999)), '&rb', r)))
        out.append('      for (int n = 0; n < %d; ++n) {' % k)
        out.append('        if (!ta.h.done()) ta.h.resume();')
        out.append('        if (!tb.h.done()) tb.h.resume();')
        out.append('        check = check * 7 + (unsigned long)ta.h.promise().last + (unsigned long)tb.h.promise().last;')
        out.append('      }')
        out.append('    }')
        out.append('    check = check * 1000003 + (unsigned long)ra * 3 + (unsigned long)rb;')
        out.append('    std::printf("pair: ra=%ld rb=%ld alive=%d\\n", ra, rb, alive);')
        out.append('  }')
    out.append('  std::printf("%lu alive=%d made=%d bad=%d\\n", check, alive, made, bad);')
    out.append('  return alive != 0 || bad != 0;')
    out.append('}')
    return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seed', type=int, required=True)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument('--count', type=int, help='write programs 0..COUNT-1 to --out')
    g.add_argument('--index', type=int, help='one program')
    ap.add_argument('--first', type=int, default=0, help='with --count: start at this index')
    ap.add_argument('--out', help='output directory')
    a = ap.parse_args()
    if a.count is not None and not a.out:
        ap.error('--count needs --out')
    if a.out:
        os.makedirs(a.out, exist_ok=True)
    indices = range(a.first, a.first + a.count) if a.count is not None else [a.index]
    for i in indices:
        text = program(a.seed, i)
        if a.out:
            path = os.path.join(a.out, 'rand_s%d_%04d.cpp' % (a.seed, i))
            with open(path, 'w') as f:
                f.write(text)
            print(path)
        else:
            sys.stdout.write(text)


if __name__ == '__main__':
    main()
