// unhandled_exception paths: a task stores the exception and its awaiter
// rethrows it (several levels, some catching and continuing, some converting);
// a generator whose unhandled_exception rethrows at once, so resume() throws
// to its caller; an eager coroutine that throws before its first suspend, so
// the exception leaves the call itself. Nothing may reach std::terminate.
//
// Left out on purpose: destroying a coroutine after unhandled_exception rethrew
// when the coroutine had already passed a suspend point other than the initial
// one. Stock clang 22 at -O1 and up leaves the suspend index at that point
// instead of the final one, so destroy() runs those destructors a second time
// (llvm/llvm-project#61900, open); a test of it fails in the stock build.
#include "diff.h"
#include <stdexcept>
#include <string>
using namespace diff;

struct Err {
  int code;
};

__attribute__((noinline)) Task<int> leaf(int i) {
  Obj o(i);
  co_await std::suspend_never{};
  if (i % 3 == 0)
    throw Err{i};
  if (i % 3 == 1)
    throw std::runtime_error("leaf " + std::to_string(i));
  co_return i;
}

__attribute__((noinline)) Task<int> middle(int i) {
  Obj o(100 + i);
  std::string keep = "middle" + std::to_string(i);
  int r = 0;
  try {
    r = co_await leaf(i);
  } catch (const Err &e) {
    r = -e.code; // handled here
  }
  // std::runtime_error goes on up through unhandled_exception.
  int s = co_await leaf(i + 2); // throws again for some i
  co_return r + s + static_cast<int>(keep.size());
}

__attribute__((noinline)) Task<std::string> top(int n) {
  std::string log;
  for (int i = 0; i < n; ++i) {
    try {
      int v = co_await middle(i);
      log += std::to_string(v) + " ";
    } catch (const std::runtime_error &e) {
      log += std::string("[") + e.what() + "] ";
    } catch (const Err &e) {
      log += "{" + std::to_string(e.code) + "} ";
    }
  }
  co_return log;
}

struct RethrowGen {
  struct promise_type : PatternAlloc {
    int value = 0;
    RethrowGen get_return_object() { return RethrowGen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) {
      value = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { throw; } // to whoever called resume()
  };
  std::coroutine_handle<promise_type> h;
  ~RethrowGen() {
    if (h)
      h.destroy();
  }
};

// Throws on its first resume, so the stale suspend index of #61900 is the
// initial suspend, where only the parameters are alive: destroy() is right.
__attribute__((noinline)) RethrowGen counter(Obj param, std::string name, int fail) {
  Obj o(fail);
  long sum = 0;
  for (int i = 0; i < 3; ++i) {
    Obj step(1000 + i);
    if (opaque(fail) >= 0)
      throw Err{fail + static_cast<int>(name.size())};
    sum += i;
  }
  co_yield static_cast<int>(sum);
}

struct Eager {
  struct promise_type : PatternAlloc {
    Eager get_return_object() { return Eager{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  std::coroutine_handle<promise_type> h;
  ~Eager() { h.destroy(); }
};

__attribute__((noinline)) Eager eager(Obj param, int n) {
  Obj a(n);
  if (opaque(n) % 2 == 0)
    throw Err{n}; // before the first suspend: out of the call itself
  co_await std::suspend_always{};
  CHECK(a.ok() && param.ok());
}

int main() {
  std::string log = sync_wait(top(12));
  std::printf("tasks: %s\n", log.c_str());
  CHECK(Life::alive() == 0 && PatternAlloc::frames_alive == 0);

  for (int fail = 0; fail < 4; ++fail) {
    RethrowGen g = counter(Obj(fail), std::string(static_cast<std::size_t>(fail) * 20, 'n'), fail);
    try {
      g.h.resume();
      CHECK(false);
    } catch (const Err &e) {
      std::printf("generator threw %d, done %d, alive %ld\n", e.code, g.h.done() ? 1 : 0, Life::alive());
      CHECK(g.h.done());
      CHECK(Life::alive() == 1); // the parameter copy, until destroy()
    }
    g.h.destroy();
    g.h = nullptr;
    CHECK(Life::alive() == 0);
  }
  CHECK(PatternAlloc::frames_alive == 0);

  for (int n = 0; n < 4; ++n) {
    try {
      Eager e = eager(Obj(50 + n), n);
      std::printf("eager %d suspended, alive %ld\n", n, Life::alive());
      e.h.resume();
      CHECK(e.h.done());
    } catch (const Err &e) {
      std::printf("eager %d threw %d, alive %ld\n", n, e.code, Life::alive());
    }
    CHECK(Life::alive() == 0);
  }
  CHECK(PatternAlloc::frames_alive == 0);
  return finish();
}
