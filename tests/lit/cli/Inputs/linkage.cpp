// Coroutines of each linkage, for tests/lit/cli/linkage.test: compiled as
// two translation units, the static one and the lambda are distinct
// functions in each; the inline one is one function with a copy in each.
#include <coroutine>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

static task work(long n) {
  long a = n, b = n * 2;
  co_await std::suspend_always{};
  (void)(a + b);
}

inline task shared(long n) {
  long a = n;
  co_await std::suspend_always{};
  (void)a;
}

void go() {
  work(1);
  shared(1);
  auto lambda = [](long n) -> task {
    long a = n;
    co_await std::suspend_always{};
    (void)a;
  };
  lambda(2);
}
