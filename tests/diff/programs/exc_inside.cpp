// Exceptions thrown across suspend points and caught inside the coroutine:
// try blocks that span yields, throws from callees, from await_resume and
// from await_suspend (which resumes the coroutine and rethrows there), and
// objects unwound at every throw.
#include "diff.h"
#include <stdexcept>
#include <string>
using namespace diff;

struct Err {
  int code;
};

__attribute__((noinline)) void maybe_throw(int i) {
  if (opaque(i) % 4 == 1)
    throw Err{i};
}

struct ThrowingResume {
  int i;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  int await_resume() {
    if (i % 5 == 2)
      throw std::runtime_error("resume " + std::to_string(i));
    return i * 3;
  }
};

// Throws from await_suspend, before the coroutine is really suspended.
struct ThrowingSuspend {
  int i;
  bool await_ready() { return false; }
  bool await_suspend(std::coroutine_handle<>) {
    if (i % 3 == 0)
      throw Err{1000 + i};
    return i % 2 == 0; // false: resume at once
  }
  int await_resume() { return i; }
};

__attribute__((noinline)) Generator<long> body(int n) {
  long acc = 0;
  int caught = 0;
  for (int i = 0; i < n; ++i) {
    std::string note = "iter" + std::to_string(i);
    try {
      Obj a(i);
      co_yield acc;
      maybe_throw(i);
      std::string s(30, static_cast<char>('a' + i % 26));
      acc += static_cast<long>(s.size());
      int r = co_await ThrowingResume{i};
      acc += r;
      Obj b(i + 100);
      int q = co_await ThrowingSuspend{i};
      acc += q * b.id;
      co_yield acc;
      if (i % 7 == 6)
        throw std::logic_error("seven");
    } catch (const Err &e) {
      caught = e.code;
      acc += 1000000L * e.code;
    } catch (const std::exception &e) {
      caught = -static_cast<int>(std::string(e.what()).size());
      acc -= 3;
    }
    // No co_await in a handler; suspend after it, with the note still alive.
    if (caught) {
      co_yield 7000000L + caught;
      caught = 0;
    }
    acc += static_cast<long>(note.size());
  }
  co_yield -acc;
}

int main() {
  Generator<long> g = body(40);
  uint64_t h = 0;
  int n = 0;
  while (g.next()) {
    if (g.has_value()) {
      h = mix(h, static_cast<uint64_t>(g.value()));
      if (g.value() >= 7000000L || g.value() < 0 || n % 10 == 0)
        std::printf("%3d: %ld\n", n, g.value());
    } else {
      std::printf("%3d: (await)\n", n);
    }
    ++n;
  }
  std::printf("resumes %d hash %016llx alive %ld\n", n, (unsigned long long)h, Life::alive());
  CHECK(Life::alive() == 0);
  return finish();
}
