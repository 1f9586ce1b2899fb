#!/usr/bin/env python3
"""Random C++20 coroutine programs for the differential suite (tests/diff).

    gen.py --seed S --count N --out DIR     writes DIR/rand_sS_0000.cpp ... (N files)
    gen.py --seed S --index I [--out DIR]   one program (to stdout without --out)

Program I of seed S depends on (S, I) only, so a failing program of a long run
is regenerated alone with --index. Each program has one to three generator
coroutines whose bodies are random statement trees: locals of many sizes and
alignments (1..4096 bytes, align 1..64) and scalars of every width, nested
scopes, branches, loops with suspends and loop-carried values, three kinds of
suspend (co_yield; co_await on an awaiter whose await_suspend returns bool, on
both paths; one returning a handle), try/catch around suspends, exceptions
that escape to unhandled_exception, early co_return, and sub-generators driven
across suspends. main() runs every coroutine to the end and then destroys it at
a spread of suspend points, folding every observed value into a checksum
transcript. Every object checks its own bytes when used and when destroyed and
counts its life; the program exits 1 if a check failed or an object leaked or
was destroyed twice. The output is a pure function of the program text.
"""
import argparse
import os
import random
import sys

PRELUDE = r'''#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <utility>

static long g_made, g_gone, g_bad;
static uint64_t g_out; // the value a suspend point publishes to main()
static const int g_line_buffered = std::setvbuf(stdout, nullptr, _IOLBF, 0); // crashes show how far

static uint64_t mix(uint64_t h, uint64_t v) {
  uint64_t z = h + 0x9e3779b97f4a7c15ull + v;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
template <class T> static uint64_t hs(T x) {
  unsigned char b[sizeof x];
  std::memcpy(b, &x, sizeof x);
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : b)
    h = (h ^ c) * 0x100000001b3ull;
  return h;
}
template <class T> __attribute__((noinline)) T opaque(T v) {
  asm volatile("" : : "r"(&v) : "memory");
  return v;
}
#define CHK(c)                                                                                   \
  do {                                                                                           \
    if (!(c)) {                                                                                  \
      ++g_bad;                                                                                   \
      std::printf("CHECK FAILED line %d: %s\n", __LINE__, #c);                                 \
    }                                                                                            \
  } while (0)

// N bytes at alignment A; byte 0 is the seed and every other byte a function
// of it and its index, so any foreign write is caught by ok(). The loops are
// out of line, shared by every size, to keep compile times down.
static unsigned char blob_at(unsigned char s, std::size_t i) {
  return static_cast<unsigned char>(((s + 1u) * (i + 7u) * 2654435761u) >> 13);
}
__attribute__((noinline)) static void blob_fill(unsigned char *b, std::size_t n, uint64_t seed) {
  b[0] = static_cast<unsigned char>(seed);
  for (std::size_t i = 1; i < n; ++i)
    b[i] = blob_at(b[0], i);
}
__attribute__((noinline)) static bool blob_ok(const unsigned char *b, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i)
    if (b[i] != blob_at(b[0], i))
      return false;
  return true;
}
__attribute__((noinline)) static uint64_t blob_sum(const unsigned char *b, std::size_t n) {
  uint64_t h = n;
  for (std::size_t i = 0; i < n; i += 1 + i / 16)
    h = (h ^ b[i]) * 0x100000001b3ull;
  return h;
}

template <std::size_t N, std::size_t A> struct alignas(A) Blob {
  unsigned char b[N];
  void fill(uint64_t seed) { blob_fill(b, N, seed); }
  explicit Blob(uint64_t seed) {
    fill(seed);
    ++g_made;
  }
  Blob(const Blob &o) {
    CHK(o.ok());
    std::memcpy(b, o.b, N);
    ++g_made;
  }
  Blob &operator=(const Blob &) = delete;
  ~Blob() {
    CHK(ok());
    std::memset(b, 0xEE, N);
    ++g_gone;
  }
  bool ok() const { return reinterpret_cast<std::uintptr_t>(this) % A == 0 && blob_ok(b, N); }
  uint64_t sum() const { return blob_sum(b, N); }
};

struct Err {
  int code;
};

// Frames in 128-byte aligned blocks filled with a pattern: LLVM assumes the
// allocation is as aligned as the frame, and never-written bytes read the same
// in every build.
struct Gen {
  struct promise_type {
    std::exception_ptr exc;
    static void *operator new(std::size_t n) {
      void *p = std::aligned_alloc(128, (n + 127) / 128 * 128);
      if (!p)
        std::abort();
      std::memset(p, 0xA5, n);
      return p;
    }
    static void operator delete(void *p, std::size_t n) {
      std::memset(p, 0x5A, n);
      std::free(p);
    }
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(uint64_t v) {
      g_out = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { exc = std::current_exception(); }
  };
  std::coroutine_handle<promise_type> h;
  explicit Gen(std::coroutine_handle<promise_type> x) : h(x) {}
  Gen(Gen &&o) noexcept : h(std::exchange(o.h, nullptr)) {}
  ~Gen() {
    if (h)
      h.destroy();
  }
  // One resume; false once done. An escaped exception is reported as its code.
  bool step(int *escaped) {
    h.resume();
    if (h.promise().exc) {
      try {
        std::rethrow_exception(std::exchange(h.promise().exc, nullptr));
      } catch (const Err &e) {
        *escaped = e.code;
      }
    }
    return !h.done();
  }
};

// Runs a coroutine made by make() to the end, then destroys fresh ones while
// suspended at a spread of its suspend points; prints and returns checksums.
template <class F> static uint64_t drive(const char *name, F make) {
  uint64_t h = 0;
  int n = 0, escaped = 0;
  {
    Gen g = make();
    while (g.step(&escaped)) {
      h = mix(h, g_out);
      ++n;
    }
    h = mix(h, g_out);
  }
  std::printf("%s: resumes %d escaped %d hash %016llx live %ld\n", name, n, escaped, (unsigned long long)h,
              g_made - g_gone);
  CHK(g_made == g_gone);
  uint64_t early = 0;
  for (int k = 0; k <= n + 1; k += n / 24 + 1) {
    {
      Gen g = make();
      int e = 0;
      for (int i = 0; i < k && g.step(&e); ++i)
        early = mix(early, g_out);
      early = mix(early, static_cast<uint64_t>(e));
    }
    CHK(g_made == g_gone);
  }
  std::printf("  early destroys %016llx\n", (unsigned long long)early);
  return h ^ early;
}

// await_suspend returning bool: suspends only for odd keys.
struct MaybeSuspend {
  uint64_t key;
  bool await_ready() noexcept { return false; }
  bool await_suspend(std::coroutine_handle<>) noexcept { return key & 1; }
  uint64_t await_resume() noexcept { return key >> 1; }
};
// await_suspend returning a handle: straight back into the same coroutine.
struct SelfTransfer {
  bool await_ready() noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) noexcept { return h; }
  void await_resume() noexcept {}
};
'''

# Hashing uses the bytes, so no type with padding bytes (long double).
SCALARS = ['signed char', 'unsigned char', 'short', 'unsigned short', 'int', 'unsigned', 'long',
           'unsigned long long', 'float', 'double', '__int128']
ALIGNS = [1, 1, 2, 4, 8, 8, 16, 16, 32, 64]


class Fn:
    """Generates the body of one coroutine."""

    def __init__(self, rnd, name, callees):
        self.r = rnd
        self.name = name
        self.callees = callees  # earlier coroutines (Fn) this one may drive
        self.n = 0              # fresh names
        self.stmts = 0          # statement budget used
        self.lines = []

    def fresh(self, p):
        self.n += 1
        return '%s%d' % (p, self.n)

    def emit(self, depth, text):
        self.lines.append('  ' * depth + text)

    def blob_type(self):
        r = self.r.random()
        if r < 0.45:
            n = self.r.randint(1, 16)
        elif r < 0.8:
            n = self.r.randint(17, 256)
        elif r < 0.95:
            n = self.r.randint(257, 1024)
        else:
            n = self.r.randint(1025, 4096)
        return 'Blob<%d, %d>' % (n, self.r.choice(ALIGNS))

    def suspend(self, d):
        k = self.r.random()
        if k < 0.55:
            self.emit(d, 'co_yield acc;')
        elif k < 0.85:
            self.emit(d, 'g_out = acc;')
            self.emit(d, 'acc = mix(acc, co_await MaybeSuspend{acc});')
        else:
            self.emit(d, 'g_out = acc;')
            self.emit(d, 'co_await SelfTransfer{};')

    def use(self, d, scope):
        if not scope:
            self.emit(d, 'acc = mix(acc, %du);' % self.r.randint(1, 999))
            return
        name, kind, ty = self.r.choice(scope)
        k = self.r.random()
        if kind == 'blob':
            if k < 0.4:
                self.emit(d, 'CHK(%s.ok());' % name)
                self.emit(d, 'acc = mix(acc, %s.sum());' % name)
            elif k < 0.7:
                self.emit(d, '%s.fill(acc);' % name)
            else:
                self.emit(d, 'acc = mix(acc, %s.b[%s.b[0] %% sizeof %s.b]);' % (name, name, name))
        else:
            if k < 0.5:
                self.emit(d, 'acc = mix(acc, hs(%s));' % name)
            elif ty in ('float', 'double'):
                self.emit(d, '%s = %s * (%s)0.5 + (%s)(acc & 1023);' % (name, name, ty, ty))
            elif ty == '__int128':
                self.emit(d, '%s = (__int128)((unsigned __int128)%s * 3u + acc);' % (name, name))
            else:
                self.emit(d, '%s = (%s)((uint64_t)%s * 5u + acc);' % (name, ty, name))

    def decl(self, d, scope):
        if self.r.random() < 0.5:
            name = self.fresh('b')
            ty = self.blob_type()
            self.emit(d, '%s %s(acc ^ %du);' % (ty, name, self.r.randint(0, 255)))
            scope.append((name, 'blob', ty))
        else:
            name = self.fresh('s')
            ty = self.r.choice(SCALARS)
            if ty in ('float', 'double'):
                init = '(%s)(acc %% 4096) * (%s)0.25' % (ty, ty)
            elif ty == '__int128':
                init = '(__int128)((unsigned __int128)acc << %d)' % self.r.randint(0, 60)
            else:
                init = '(%s)(acc * %du)' % (ty, self.r.randint(1, 1 << 20))
            self.emit(d, '%s %s = %s;' % (ty, name, init))
            scope.append((name, 'scalar', ty))

    def block(self, d, scope, in_try, in_loop):
        """A statement list; scope is the list of visible variables (copied)."""
        scope = list(scope)
        count = self.r.randint(2, 6)
        for _ in range(count):
            self.stmts += 1
            over = self.stmts > 40 or d > 5
            k = self.r.random()
            if k < 0.22 or (over and k < 0.4):
                self.decl(d, scope)
            elif k < 0.45 or over:
                self.use(d, scope)
                if self.r.random() < 0.5:
                    self.suspend(d)
            elif k < 0.55:
                self.emit(d, '{')
                self.block(d + 1, scope, in_try, in_loop)
                self.emit(d, '}')
            elif k < 0.66:
                self.emit(d, 'if (opaque(acc) %% %d == 0) {' % self.r.randint(2, 4))
                self.block(d + 1, scope, in_try, in_loop)
                if self.r.random() < 0.6:
                    self.emit(d, '} else {')
                    self.block(d + 1, scope, in_try, in_loop)
                self.emit(d, '}')
            elif k < 0.76 and in_loop < 2:
                c = self.fresh('c')
                i = self.fresh('i')
                ty = self.r.choice(['int', 'long', 'unsigned', 'short'])
                self.emit(d, '%s %s = (%s)%d;' % (ty, c, ty, self.r.randint(0, 99)))
                self.emit(d, 'for (int %s = 0; %s < %d; ++%s) {' % (i, i, self.r.randint(1, 4), i))
                self.emit(d + 1, '%s = (%s)((uint64_t)%s * 3u + (uint64_t)%s + (acc & 7));' % (c, ty, c, i))
                inner = scope + [(c, 'scalar', ty)]
                self.block(d + 1, inner, in_try, in_loop + 1)
                self.suspend(d + 1)
                self.emit(d + 1, 'acc = mix(acc, hs(%s));' % c)
                if self.r.random() < 0.3:
                    self.emit(d + 1, 'if (opaque(acc) %% 5 == 0) %s;' % self.r.choice(['break', 'continue']))
                self.emit(d, '}')
                self.emit(d, 'acc = mix(acc, hs(%s));' % c)
            elif k < 0.84 and not in_try:
                self.emit(d, 'try {')
                self.block(d + 1, scope, True, in_loop)
                self.emit(d, '} catch (const Err &e) {')
                self.emit(d + 1, 'acc = mix(acc, (uint64_t)e.code);')
                self.emit(d, '}')
            elif k < 0.89:
                code = self.r.randint(1, 9999)
                mod = self.r.randint(3, 9) if in_try else self.r.randint(11, 29)
                self.emit(d, 'if (opaque(acc) %% %d == 0) throw Err{%d};' % (mod, code))
            elif k < 0.91:
                self.emit(d, 'if (opaque(acc) %% %d == 0) co_return;' % self.r.randint(13, 31))
            elif k < 0.95 and self.callees and in_loop == 0:
                sub = self.fresh('g')
                esc = self.fresh('e')
                self.emit(d, '{')
                self.emit(d + 1, 'Gen %s = %s;' % (sub, self.r.choice(self.callees).call('acc & 0xffff', 'acc')))
                self.emit(d + 1, 'int %s = 0;' % esc)
                self.emit(d + 1, 'for (int k = 0; k < %d && %s.step(&%s); ++k) {' % (self.r.randint(1, 6), sub, esc))
                self.emit(d + 2, 'acc = mix(acc, g_out);')
                self.emit(d + 2, 'co_yield acc;')
                self.emit(d + 1, '}')
                self.emit(d + 1, 'acc = mix(acc, (uint64_t)%s);' % esc)
                self.emit(d, '}')
            else:
                self.suspend(d)
        # Everything declared here is used once more at the end of its scope.
        for name, kind, ty in scope[len(scope) - 2:]:
            if kind == 'blob':
                self.emit(d, 'CHK(%s.ok());' % name)
            self.emit(d, 'acc = mix(acc, %s);' % ('%s.sum()' % name if kind == 'blob' else 'hs(%s)' % name))

    def call(self, seed, blob_seed):
        """A call expression of this coroutine."""
        if len(self.params) == 1:
            return '%s(%s)' % (self.name, seed)
        return '%s(%s, %s(%s))' % (self.name, seed, self.params[1].rsplit(' ', 1)[0], blob_seed)

    def generate(self):
        params = ['uint64_t seed']
        scope = []
        if self.r.random() < 0.3:
            ty = self.blob_type()
            params.append('%s pb' % ty)
            scope.append(('pb', 'blob', ty))
        self.params = params
        noinline = '__attribute__((noinline)) ' if self.r.random() < 0.85 else ''
        self.emit(0, '%sGen %s(%s) {' % (noinline, self.name, ', '.join(params)))
        self.emit(1, 'uint64_t acc = mix(opaque(seed), %du);' % self.r.randint(0, 1 << 30))
        self.block(1, scope, False, 0)
        self.emit(1, 'co_yield acc;')
        self.emit(0, '}')
        return self.lines


def program(seed, index):
    r = random.Random('coropack-diff:%d:%d' % (seed, index))
    out = ['// Generated by tests/diff/gen.py --seed %d --index %d; regenerate it instead of editing.' % (seed, index),
           PRELUDE]
    fns = []
    for k in range(r.choice([1, 1, 2, 2, 3])):
        f = Fn(r, 'co%d' % k, list(fns))
        out.extend(f.generate())
        out.append('')
        fns.append(f)

    out.append('int main() {')
    out.append('  uint64_t total = 0;')
    for f in fns:
        for _ in range(2):
            call = f.call('%du' % r.randint(0, 1 << 20), '%du' % r.randint(0, 255))
            out.append('  total = mix(total, drive("%s", [] { return %s; }));' % (call, call))
    out.append('  std::printf("total %016llx made %ld gone %ld bad %ld\\n", (unsigned long long)total, g_made, g_gone,'
               ' g_bad);')
    out.append('  return g_bad || g_made != g_gone ? 1 : 0;')
    out.append('}')
    return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seed', type=int, required=True)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument('--count', type=int, help='write programs 0..COUNT-1 to --out')
    g.add_argument('--index', type=int, help='one program')
    ap.add_argument('--out', help='output directory')
    a = ap.parse_args()
    if a.count is not None and not a.out:
        ap.error('--count needs --out')
    if a.out:
        os.makedirs(a.out, exist_ok=True)
    indices = range(a.count) if a.count is not None else [a.index]
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
