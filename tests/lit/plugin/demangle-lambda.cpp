// Reports name coroutines by their demangled names, also those LLVM's own
// demangler gives up on: a generic lambda's call operator, whose local class
// clang names `$_0`, falls back to the C++ runtime's demangler. A name
// neither reads stays null (the mangled name is always there).
// RUN: env COROPACK_MODE=pack COROPACK_REPORT=%t.json %clangxx -O1 -c -fpass-plugin=%plugin %s -o %t.o
// RUN: %coropack show %t.json --format json | FileCheck %s
// CHECK-DAG: "demangled": "G main::$_0::operator()<double, double>(double, double) const",
// CHECK-DAG: "demangled": "plain(int)",
#include <coroutine>

struct G {
  struct promise_type {
    G get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

G plain(int x) {
  co_await std::suspend_always{};
  (void)x;
}

int main() {
  auto l = [](auto a, auto b) -> G {
    co_await std::suspend_always{};
    (void)a;
    (void)b;
  };
  l(1.0, 2.0);
  plain(1);
}
