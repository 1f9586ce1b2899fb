// Shared support for the differential programs (tests/diff/programs/*.cpp).
//
// Every program includes this header, prints a deterministic transcript on
// stdout and returns diff::finish() from main: 0 when every CHECK held, 1 when
// one failed. The transcript never contains addresses, frame sizes or
// allocation counts, which legitimately differ between the stock build and a
// build whose frames coropack packs.
//
// Every allocation is counted: the global operator new below and
// PatternAlloc's. finish() writes "allocations N bytes M" to the file named by
// $COROPACK_DIFF_ALLOCS (when set), which the runner compares: a plugin build
// must not allocate more often, nor more bytes, than the stock build (frames
// are the only allocations that may differ: heap elision and frame sizes).
//
// Frames of the coroutine types below are allocated by diff::PatternAlloc: new
// fills the bytes with 0xA5 and sized delete fills them with 0x5A, so a read of
// a frame byte that the stock build never wrote, or a read after destroy, gives
// the same garbage in both builds instead of whatever malloc left there.
#pragma once
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <optional>
#include <utility>

namespace diff {

inline long g_checks, g_failures;
inline long g_allocations, g_allocated_bytes;

// Line-buffered stdout, so a crashing build still shows how far it got.
inline const int g_line_buffered = std::setvbuf(stdout, nullptr, _IOLBF, 0);

inline const char *base_name(const char *path) {
  const char *s = std::strrchr(path, '/');
  return s ? s + 1 : path;
}

inline void check(bool ok, const char *expr, const char *file, int line) {
  ++g_checks;
  if (!ok) {
    ++g_failures;
    std::printf("CHECK FAILED %s:%d: %s\n", base_name(file), line, expr);
  }
}
#define CHECK(c) ::diff::check(static_cast<bool>(c), #c, __FILE__, __LINE__)

// Last line of every transcript; main returns its value.
inline int finish() {
  std::printf("checks %ld, failures %ld\n", g_checks, g_failures);
  std::fflush(stdout);
#ifdef DIFF_SELFTEST_EXTRA_ALLOCATION // ctest diff.selftest: the runner must notice
  ++g_allocations;
#endif
  if (const char *path = std::getenv("COROPACK_DIFF_ALLOCS")) {
    if (std::FILE *f = std::fopen(path, "w")) {
      std::fprintf(f, "allocations %ld bytes %ld\n", g_allocations, g_allocated_bytes);
      std::fclose(f);
    }
  }
  return g_failures ? 1 : 0;
}

// splitmix64 step: the checksum fold used by every program.
inline uint64_t mix(uint64_t h, uint64_t v) {
  uint64_t z = h + 0x9e3779b97f4a7c15ull + v;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

inline uint64_t mix_bytes(uint64_t h, const void *p, std::size_t n) {
  const unsigned char *b = static_cast<const unsigned char *>(p);
  for (std::size_t i = 0; i < n; ++i)
    h = (h ^ b[i]) * 0x100000001b3ull;
  return h;
}

// The optimizer cannot see through opaque(): values computed from it are real
// run-time values that cross the suspend points instead of constants.
template <class T> __attribute__((noinline)) T opaque(T v) {
  asm volatile("" : : "r"(&v) : "memory");
  return v;
}

// Frame allocation with deterministic fill (see the header comment), in blocks
// aligned to kFrameAlign. LLVM 22 lays a frame out assuming its allocation is
// aligned to the frame's own alignment, but clang calls operator new(size_t)
// without asking for it (-fcoro-aligned-allocation is opt-in; see
// llvm/llvm-project#56671): with plain malloc an alignas(64) local is aligned
// only by luck, and that luck would differ between a stock frame and a packed
// frame of another size. Frame counts go to the counters only; programs must
// not print them.
constexpr std::size_t kFrameAlign = 128;

struct PatternAlloc {
  static inline long frames_alive;
  static void *operator new(std::size_t n) {
    std::size_t rounded = (n + kFrameAlign - 1) / kFrameAlign * kFrameAlign;
    void *p = std::aligned_alloc(kFrameAlign, rounded ? rounded : kFrameAlign);
    if (!p)
      std::abort();
    std::memset(p, 0xA5, n);
    ++frames_alive;
    ++g_allocations;
    g_allocated_bytes += static_cast<long>(n);
    return p;
  }
  static void operator delete(void *p, std::size_t n) {
    std::memset(p, 0x5A, n);
    --frames_alive;
    std::free(p);
  }
};

// An object whose life is counted and whose integrity is checked: a packed
// frame that overlaps it with another live value breaks the magic or the id
// check when it is used or destroyed.
struct Life {
  static inline long made, gone;
  static long alive() { return made - gone; }
  static void reset() { made = gone = 0; }
};

struct Obj {
  static constexpr uint32_t kMagic = 0x0b1ec7edu;
  uint32_t magic;
  int id;
  uint64_t tag;
  explicit Obj(int i) : magic(kMagic), id(i), tag(mix(0, static_cast<uint64_t>(i))) { ++Life::made; }
  Obj(const Obj &o) : magic(kMagic), id(o.id), tag(o.tag) {
    CHECK(o.ok());
    ++Life::made;
  }
  Obj &operator=(const Obj &) = delete;
  ~Obj() {
    CHECK(ok());
    magic = 0xdeadbeefu;
    ++Life::gone;
  }
  bool ok() const { return magic == kMagic && tag == mix(0, static_cast<uint64_t>(id)); }
};

// ---- a lazy generator -------------------------------------------------------
template <class T> struct Generator {
  struct promise_type : PatternAlloc {
    std::optional<T> value;
    std::exception_ptr exc;
    Generator get_return_object() {
      return Generator{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T v) {
      value.emplace(std::move(v));
      return {};
    }
    void return_void() {}
    void unhandled_exception() { exc = std::current_exception(); }
  };
  using handle = std::coroutine_handle<promise_type>;
  handle h;
  explicit Generator(handle x) : h(x) {}
  Generator(Generator &&o) noexcept : h(std::exchange(o.h, nullptr)) {}
  Generator &operator=(Generator &&o) noexcept {
    if (this != &o) {
      if (h)
        h.destroy();
      h = std::exchange(o.h, nullptr);
    }
    return *this;
  }
  ~Generator() {
    if (h)
      h.destroy();
  }
  // Resumes; rethrows what the body let escape. False once the body is done.
  bool next() {
    h.promise().value.reset();
    h.resume();
    if (h.promise().exc)
      std::rethrow_exception(std::exchange(h.promise().exc, nullptr));
    return !h.done();
  }
  // False after a resume that stopped at a co_await rather than a co_yield.
  bool has_value() const { return h.promise().value.has_value(); }
  T &value() {
    CHECK(has_value());
    return *h.promise().value;
  }
};

// ---- a lazy task with symmetric transfer ------------------------------------
template <class T> struct Task;

struct TaskBase {
  std::coroutine_handle<> cont = std::noop_coroutine();
  std::exception_ptr exc;
  std::suspend_always initial_suspend() noexcept { return {}; }
  struct Final {
    bool await_ready() noexcept { return false; }
    template <class P> std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      return h.promise().cont;
    }
    void await_resume() noexcept {}
  };
  Final final_suspend() noexcept { return {}; }
  void unhandled_exception() { exc = std::current_exception(); }
};

template <class T> struct TaskPromise : TaskBase, PatternAlloc {
  std::optional<T> value;
  Task<T> get_return_object();
  void return_value(T v) { value.emplace(std::move(v)); }
  T take() {
    if (exc)
      std::rethrow_exception(exc);
    return std::move(*value);
  }
};

template <> struct TaskPromise<void> : TaskBase, PatternAlloc {
  Task<void> get_return_object();
  void return_void() {}
  void take() {
    if (exc)
      std::rethrow_exception(exc);
  }
};

template <class T = void> struct Task {
  using promise_type = TaskPromise<T>;
  using handle = std::coroutine_handle<promise_type>;
  handle h;
  explicit Task(handle x) : h(x) {}
  Task(Task &&o) noexcept : h(std::exchange(o.h, nullptr)) {}
  Task &operator=(Task &&) = delete;
  ~Task() {
    if (h)
      h.destroy();
  }
  bool await_ready() noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> c) noexcept {
    h.promise().cont = c;
    return h;
  }
  T await_resume() { return h.promise().take(); }
};

template <class T> Task<T> TaskPromise<T>::get_return_object() {
  return Task<T>{std::coroutine_handle<TaskPromise<T>>::from_promise(*this)};
}
inline Task<void> TaskPromise<void>::get_return_object() {
  return Task<void>{std::coroutine_handle<TaskPromise<void>>::from_promise(*this)};
}

// Runs a task to completion from ordinary code: its final awaiter transfers to
// the no-op coroutine, which returns here.
template <class T> T sync_wait(Task<T> &t) {
  t.h.resume();
  CHECK(t.h.done());
  return t.h.promise().take();
}
template <class T> T sync_wait(Task<T> &&t) { return sync_wait(t); }

} // namespace diff

// The counted global allocation functions (replacements: one definition per
// program, which includes this header once; a program of several translation
// units, such as tests/lto's, defines DIFF_NO_COUNTING_NEW and counts nothing).
#ifndef DIFF_NO_COUNTING_NEW
void *operator new(std::size_t n) {
  void *p = std::malloc(n ? n : 1);
  if (!p)
    throw std::bad_alloc();
  ++diff::g_allocations;
  diff::g_allocated_bytes += static_cast<long>(n);
  return p;
}
void *operator new[](std::size_t n) { return ::operator new(n); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }
#endif
