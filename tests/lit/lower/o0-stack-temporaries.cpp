// At -O0 LLVM's split keeps two kinds of front-end temporaries on the stack
// that a block-level liveness test puts in the frame, so lower mode thought
// its frame above stock's and left these coroutines to LLVM:
// - exn.slot and ehselector.slot of add(): a landing pad of the invoke of
//   return_value (which clang marks nounwind once it has emitted its body)
//   stores them. CoroSplitPass first removes unreachable blocks, which turns
//   that invoke into a call and drops the pad; coropack now does the same
//   before it models a coroutine.
// - the coerced string_view that substr() returns in pieces(): stored and
//   loaded in one block of a loop around a suspend. LLVM never counts two
//   uses in one block as crossing a suspend (SuspendCrossingInfo resets a
//   block's own kill bit), and lower mode now asks LLVM's question.
// Both must be lowered, with stock's frame size or less, and print what stock
// prints; the stock build's frames are read from LLVM's own remarks.
// RUN: %clangxx -O0 -Rpass=coro-split %s -o %t.stock 2> %t.stock.remarks && %t.stock > %t.stock.out
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.json %clangxx -O0 -fpass-plugin=%plugin %s -o %t.lower && %t.lower > %t.lower.out
// RUN: diff %t.stock.out %t.lower.out
// RUN: FileCheck %s --check-prefix=OUT < %t.lower.out
// RUN: FileCheck %s --check-prefix=STOCK < %t.stock.remarks
// RUN: %coropack show --format text %t.json | FileCheck %s
// OUT: sum 45
// OUT-NEXT: pieces ab|cd|ef|
// STOCK-DAG: Split '_Z3addii' (frame_size=48,
// STOCK-DAG: Split '_Z6piecesSt17basic_string_viewIcSt11char_traitsIcEE' (frame_size=64,
// CHECK-LABEL: coroutine add(int, int) {
// CHECK-NEXT:  /* lowered */
// CHECK-NOT:   temporary ptr
// CHECK:       /* size: {{[0-9]+}} (stock: 48,
// CHECK-LABEL: coroutine pieces(
// CHECK-NEXT:  /* lowered */
// CHECK:       /* size: {{[0-9]+}} (stock: 64,
#include <coroutine>
#include <cstdio>
#include <exception>
#include <string_view>

struct Task {
  struct promise_type {
    int value = 0;
    std::exception_ptr exc;
    struct Final {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type>) noexcept {
        return std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    Task get_return_object() { return Task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    Final final_suspend() noexcept { return {}; }
    void return_value(int v) { value = v; }
    void unhandled_exception() { exc = std::current_exception(); }
  };
  std::coroutine_handle<promise_type> h;
  ~Task() { h.destroy(); }
  int get() {
    h.resume();
    return h.promise().value;
  }
};

Task add(int a, int b) { co_return a + b; }

struct Gen {
  struct promise_type {
    std::string_view cur;
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(std::string_view v) {
      cur = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  std::coroutine_handle<promise_type> h;
  ~Gen() { h.destroy(); }
  bool next() {
    h.resume();
    return !h.done();
  }
};

Gen pieces(std::string_view s) {
  for (std::size_t i = 0; i + 2 <= s.size(); i += 2)
    co_yield s.substr(i, 2);
}

int main() {
  int sum = 0;
  for (int i = 0; i < 10; i++)
    sum += add(i, 0).get();
  std::printf("sum %d\n", sum);
  Gen g = pieces("abcdef");
  std::printf("pieces ");
  while (g.next())
    std::printf("%.*s|", (int)g.h.promise().cur.size(), g.h.promise().cur.data());
  std::printf("\n");
}
