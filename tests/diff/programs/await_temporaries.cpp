// Awaiter objects and full-expression temporaries that live across the
// suspend they take part in: awaiters with state and destructors,
// await_ready returning true (no suspension), std::suspend_never, an
// await_resume returning a large struct, and co_await nested inside a call's
// arguments next to temporaries with destructors.
#include "diff.h"
#include <string>
#include <vector>
using namespace diff;

std::vector<std::string> log_lines;

struct Noisy {
  std::string name;
  explicit Noisy(std::string n) : name(std::move(n)) { log_lines.push_back("+" + name); }
  Noisy(const Noisy &o) : name(o.name + "'") { log_lines.push_back("+" + name); }
  ~Noisy() { log_lines.push_back("-" + name); }
};

struct Big {
  long v[12];
};

struct StatefulAwaiter {
  Noisy n;
  int key;
  long scratch[6];
  bool await_ready() {
    for (int i = 0; i < 6; ++i)
      scratch[i] = key * 10 + i;
    return key % 3 == 0; // true: no suspension at all
  }
  void await_suspend(std::coroutine_handle<>) { log_lines.push_back("suspend " + n.name); }
  Big await_resume() {
    Big b{};
    for (int i = 0; i < 12; ++i)
      b.v[i] = scratch[i % 6] + i;
    return b;
  }
};

struct Maybe {
  int key;
  bool await_ready() { return false; }
  bool await_suspend(std::coroutine_handle<>) { return key % 2 == 0; }
  int await_resume() { return key * 100; }
};

__attribute__((noinline)) long combine(const Noisy &a, Big b, const std::string &s, int c) {
  long t = static_cast<long>(a.name.size() + s.size()) + c;
  for (long x : b.v)
    t += x;
  return t;
}

__attribute__((noinline)) Generator<long> body(int n) {
  for (int i = 0; i < n; ++i) {
    Big b = co_await StatefulAwaiter{Noisy("aw" + std::to_string(i)), i, {}};
    co_yield b.v[11];
    co_await std::suspend_never{};
    // The Noisy temporary and the string are alive across both awaits.
    long r = combine(Noisy("tmp" + std::to_string(i)), co_await StatefulAwaiter{Noisy("in"), i + 1, {}},
                     std::string(static_cast<std::size_t>(i + 20), 'z'), co_await Maybe{i});
    co_yield r;
  }
}

int main() {
  Generator<long> g = body(5);
  int resumes = 0;
  std::string ys;
  while (g.next()) {
    ++resumes;
    if (g.has_value())
      ys += std::to_string(g.value()) + " ";
  }
  std::printf("resumes %d yields %s\n", resumes, ys.c_str());
  for (auto &l : log_lines)
    std::printf("%s ", l.c_str());
  std::printf("\n");
  // Destroy while suspended in the middle of the call's arguments.
  for (int k = 1; k < 7; ++k) {
    log_lines.clear();
    {
      Generator<long> h = body(3);
      for (int i = 0; i < k; ++i)
        h.next();
    }
    std::printf("stop %d:", k);
    for (auto &l : log_lines)
      std::printf(" %s", l.c_str());
    std::printf("\n");
  }
  return finish();
}
