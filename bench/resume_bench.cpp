// The resume path: a program that spends almost all its time resuming
// coroutines, for instruction counts (bench/resume_bench.sh runs it under
// callgrind, built stock, in pack mode and in lower mode). Deterministic:
// fixed counts, a seed from argc, one checksum line per part and a total;
// frame sizes never enter the checksum.
//
//   mixer   a generator with six 64-bit values carried across two yields of
//           a loop (different live sets at each yield);
//   tasks   lazy tasks, top -> mid -> leaf, each co_await a symmetric
//           transfer (await_suspend and the final awaiter return a handle);
//   window  a generator with a 4 KiB local array live across its yield.
//
// The coroutines are noinline so that nothing elides their frames and every
// resume goes through the frame's resume pointer, as in real code.
#include <coroutine>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using u64 = std::uint64_t;
#define NOINLINE __attribute__((noinline))

static inline u64 rotl(u64 x, int k) { return (x << k) | (x >> (64 - k)); }
static inline u64 mix(u64 x) {
  x ^= x >> 31;
  x *= 0x7fb5d329728ea185ULL;
  return x ^ (x >> 27);
}

// Frames come from free lists by size, so that operator new costs a few
// instructions: the ramps are not what this program measures.
static void *free_heads[128];
static void *pool_alloc(std::size_t n) {
  std::size_t i = (n + 15) / 16;
  if (i < 128 && free_heads[i]) {
    void *p = free_heads[i];
    free_heads[i] = *static_cast<void **>(p);
    return p;
  }
  void *p = std::malloc(i * 16);
  if (!p)
    std::abort();
  return p;
}
static void pool_free(void *p, std::size_t n) {
  std::size_t i = (n + 15) / 16;
  if (i >= 128) {
    std::free(p);
    return;
  }
  *static_cast<void **>(p) = free_heads[i];
  free_heads[i] = p;
}

struct Gen {
  struct promise_type {
    u64 value = 0;
    static void *operator new(std::size_t n) { return pool_alloc(n); }
    static void operator delete(void *p, std::size_t n) { pool_free(p, n); }
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(u64 v) noexcept {
      value = v;
      return {};
    }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
  Gen(Gen &&o) noexcept : h(o.h) { o.h = {}; }
  explicit Gen(std::coroutine_handle<promise_type> h) : h(h) {}
  ~Gen() {
    if (h)
      h.destroy();
  }
  // Resumes once; false when the generator has finished.
  bool next(u64 &out) {
    h.resume();
    if (h.done())
      return false;
    out = h.promise().value;
    return true;
  }
};

template <class T> struct Task {
  struct promise_type {
    T value{};
    std::coroutine_handle<> cont;
    static void *operator new(std::size_t n) { return pool_alloc(n); }
    static void operator delete(void *p, std::size_t n) { pool_free(p, n); }
    Task get_return_object() { return Task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct Final {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        return h.promise().cont;
      }
      void await_resume() noexcept {}
    };
    Final final_suspend() noexcept { return {}; }
    void return_value(T v) noexcept { value = v; }
    void unhandled_exception() noexcept { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
  explicit Task(std::coroutine_handle<promise_type> h) : h(h) {}
  Task(Task &&o) noexcept : h(o.h) { o.h = {}; }
  ~Task() {
    if (h)
      h.destroy();
  }
  bool await_ready() noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> c) noexcept {
    h.promise().cont = c;
    return h;
  }
  T await_resume() noexcept { return h.promise().value; }
  T run() {
    h.promise().cont = std::noop_coroutine();
    h.resume();
    if (!h.done())
      std::abort();
    return h.promise().value;
  }
};

NOINLINE Gen mixer(u64 seed, int n) {
  u64 a = seed, b = mix(seed + 1), c = mix(seed + 2), d = mix(seed + 3);
  u64 e = mix(seed + 4), f = mix(seed + 5);
  for (int i = 0; i < n; i++) {
    a = a * 6364136223846793005ULL + 1442695040888963407ULL;
    b = rotl(b ^ a, 17);
    c += b * 31;
    co_yield a ^ b ^ c;
    d = rotl(d + c, 13) ^ a;
    e += d ^ (e >> 7);
    f = f * 0x9e3779b97f4a7c15ULL + e;
    co_yield d + e + f;
  }
}

NOINLINE Task<u64> leaf(u64 x) { co_return mix(x); }

NOINLINE Task<u64> mid(u64 x, int k) {
  u64 a = x, b = rotl(x, 29) ^ static_cast<u64>(k);
  for (int j = 0; j < k; j++) {
    u64 r = co_await leaf(a + static_cast<u64>(j));
    a = a * 0xbf58476d1ce4e5b9ULL + r;
    b ^= rotl(r, j + 1);
  }
  co_return a ^ b;
}

NOINLINE Task<u64> top(u64 seed, int n) {
  u64 s = seed, t = mix(seed), u = 0;
  for (int i = 0; i < n; i++) {
    u64 m = co_await mid(s, 4);
    s += m;
    t = rotl(t ^ m, 11);
    u += t >> 3;
  }
  co_return s ^ t ^ u;
}

NOINLINE Gen window(u64 seed, int n) {
  u64 buf[512];
  for (int i = 0; i < 512; i++)
    buf[i] = seed = mix(seed + static_cast<u64>(i));
  u64 acc = 0;
  for (int i = 0; i < n; i++) {
    unsigned j = static_cast<unsigned>(i) & 511;
    buf[j] = buf[j] * 0x94d049bb133111ebULL + buf[(j * 7 + 3) & 511];
    acc += buf[j];
    co_yield acc ^ buf[(j + 1) & 511];
  }
}

static u64 drain(Gen g) {
  u64 sum = 0, v;
  while (g.next(v))
    sum = rotl(sum, 5) ^ v;
  return sum;
}

int main(int argc, char **) {
  const u64 seed = static_cast<u64>(argc) * 0x2545f4914f6cdd1dULL;
  const int n_mixer = 1000000, n_tasks = 200000, n_window = 1000000;

  u64 m = drain(mixer(seed, n_mixer));
  std::printf("mixer  %d yields -> %016llx\n", 2 * n_mixer, (unsigned long long)m);
  u64 t = top(seed ^ 1, n_tasks).run();
  std::printf("tasks  %d transfers -> %016llx\n", n_tasks * (2 + 2 * 4) + 1, (unsigned long long)t);
  u64 w = drain(window(seed ^ 2, n_window));
  std::printf("window %d yields -> %016llx\n", n_window, (unsigned long long)w);
  std::printf("checksum %016llx\n", (unsigned long long)(m ^ rotl(t, 21) ^ rotl(w, 42)));
  return 0;
}
