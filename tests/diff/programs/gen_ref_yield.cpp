// A generator that yields references: the promise keeps a pointer to the
// yielded object, which is a local of the coroutine or a temporary of the
// co_yield expression, and the consumer reads it while the coroutine is
// suspended. Those objects must stay intact across the suspension.
#include "diff.h"
#include <string>
using namespace diff;

struct Record {
  long id;
  double score;
  char name[40];
  long tail[8];
};

template <class T> struct RefGen {
  struct promise_type : PatternAlloc {
    const T *cur = nullptr;
    RefGen get_return_object() { return RefGen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(const T &v) {
      cur = &v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
  ~RefGen() { h.destroy(); }
  const T *next() {
    h.resume();
    return h.done() ? nullptr : h.promise().cur;
  }
};

Record make(long id) {
  Record r{};
  r.id = id;
  r.score = id * 1.5;
  std::snprintf(r.name, sizeof r.name, "rec-%ld", id);
  for (int i = 0; i < 8; ++i)
    r.tail[i] = id * 100 + i;
  return r;
}

__attribute__((noinline)) RefGen<Record> records(int n) {
  Record local = make(-1);
  for (int i = 0; i < n; ++i) {
    if (i % 3 == 0) {
      local = make(i);
      co_yield local;                  // a frame local
    } else if (i % 3 == 1) {
      co_yield make(1000 + i);         // a temporary alive across the suspend
    } else {
      Record scoped = make(2000 + i);  // a scoped local
      scoped.score += 0.25;
      co_yield scoped;
    }
  }
}

__attribute__((noinline)) RefGen<std::string> strings(int n) {
  for (int i = 0; i < n; ++i) {
    std::string s(static_cast<std::size_t>(i * 3), static_cast<char>('a' + i));
    co_yield s;
    co_yield std::string("tmp") + std::to_string(i);
  }
}

int main() {
  RefGen<Record> g = records(12);
  uint64_t h = 0;
  while (const Record *r = g.next()) {
    CHECK(r->tail[7] == r->id * 100 + 7);
    h = mix(h, static_cast<uint64_t>(r->id));
    h = mix(h, static_cast<uint64_t>(r->score * 4));
    h = mix_bytes(h, r->name, std::strlen(r->name));
    std::printf("%s %.2f\n", r->name, r->score);
  }
  RefGen<std::string> s = strings(8);
  while (const std::string *p = s.next())
    h = mix_bytes(h, p->data(), p->size());
  std::printf("hash %016llx\n", (unsigned long long)h);
  return finish();
}
